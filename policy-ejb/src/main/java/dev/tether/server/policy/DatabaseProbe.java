package dev.tether.server.policy;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Asks the database for an answer through the server's own persistence unit, for readiness checks:
 * the same data source, pool and credentials that every request uses, on Payara Micro (WAR) and
 * Payara Server (EAR) alike.
 */
@Stateless
public class DatabaseProbe {
  @PersistenceContext(unitName = PolicyRepository.UNIT)
  EntityManager em;

  /**
   * Runs {@code SELECT 1} with a query timeout.
   *
   * @throws IllegalStateException when the answer is not 1; the database's own exception when it
   *     does not answer in time or at all
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void requireAnswer(int timeoutSeconds) {
    Object answer =
        em.createNativeQuery("SELECT 1")
            .setHint("jakarta.persistence.query.timeout", timeoutSeconds * 1000)
            .getSingleResult();
    if (!(answer instanceof Number n) || n.intValue() != 1) {
      throw new IllegalStateException("SELECT 1 did not answer 1");
    }
  }
}
