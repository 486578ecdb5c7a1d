package dev.tether.server.policy.identity;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The append-only admin action log. This class only inserts and reads: there is no update or delete
 * path. Each record commits in its own transaction, so a refused or failed action is recorded even
 * when the action itself rolled back.
 */
@Stateless
public class AdminActionLog {
  /** Most records one listing returns. */
  public static final int MAX_LIMIT = 1000;

  @PersistenceContext(unitName = "tether-policy")
  EntityManager em;

  /** Appends {@code record} (its id is assigned here). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void append(AdminActionRecord record) {
    em.persist(new AdminAction(record));
  }

  /**
   * Newest first; {@code tenant} null lists every tenant's and the server-wide records.
   *
   * @param beforeId only records with a smaller id (paging), or null
   */
  public List<AdminActionRecord> list(String tenant, Long beforeId, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: expected 1.." + MAX_LIMIT + ", got " + limit);
    }
    String where =
        (tenant == null ? "1 = 1" : "a.tenant = :t") + (beforeId == null ? "" : " AND a.id < :b");
    var query =
        em.createQuery(
                "SELECT a FROM AdminAction a WHERE " + where + " ORDER BY a.id DESC",
                AdminAction.class)
            .setMaxResults(limit);
    if (tenant != null) {
      query.setParameter("t", tenant);
    }
    if (beforeId != null) {
      query.setParameter("b", beforeId);
    }
    return query.getResultList().stream().map(AdminAction::record).toList();
  }
}
