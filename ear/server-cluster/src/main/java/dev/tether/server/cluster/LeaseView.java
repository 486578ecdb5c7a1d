package dev.tether.server.cluster;

/**
 * A lease row as operators see it (health output, {@code SELECT * FROM TETHER_SERVER_LEASE}).
 *
 * @param name the job
 * @param holder the instance that holds or last held it (null: never taken)
 * @param token the fencing token
 * @param held true while the lease has not expired (database clock)
 * @param expiresInMillis milliseconds until expiry (negative: expired that long ago)
 * @param lastRunAtMillis when the job last started (epoch millis, database clock; 0: never)
 */
public record LeaseView(
    String name,
    String holder,
    long token,
    boolean held,
    long expiresInMillis,
    long lastRunAtMillis) {}
