package dev.tether.server.cluster;

/**
 * Thrown inside a job's writing transaction when this instance no longer holds the job's lease (it
 * expired, or another instance took it): the transaction must roll back, nothing is written. A
 * runtime exception, so an EJB container rolls the transaction back.
 */
public class LeaseLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LeaseLostException(String message) {
    super(message);
  }
}
