package dev.tether.server.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Database leases in {@value #TABLE}: one row per job (name, holder instance, fencing token,
 * expiry, last run), changed only under the row's lock ({@code SELECT ... FOR UPDATE}) in a short
 * transaction of its own on a connection taken from the data source. Expiry is judged by the
 * database's clock, never an instance's. Same SQL on H2 and PostgreSQL.
 *
 * <p>Callers must not be inside a JTA transaction (EJB: {@code NOT_SUPPORTED}): the lease commits
 * on its own, before the job runs.
 */
public final class Leases {
  /** The lease table. */
  public static final String TABLE = "TETHER_SERVER_LEASE";

  /** The database's time in epoch milliseconds (H2 and PostgreSQL). */
  static final String NOW_SQL =
      "SELECT CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private static final String CREATE =
      "CREATE TABLE IF NOT EXISTS "
          + TABLE
          + " (LEASE_NAME VARCHAR(64) NOT NULL PRIMARY KEY, HOLDER VARCHAR(64),"
          + " FENCE_TOKEN BIGINT NOT NULL, EXPIRES_AT BIGINT NOT NULL, ACQUIRED_AT BIGINT NOT NULL,"
          + " LAST_RUN_AT BIGINT NOT NULL)";
  private static final String INSERT_IF_ABSENT =
      "INSERT INTO "
          + TABLE
          + " (LEASE_NAME, HOLDER, FENCE_TOKEN, EXPIRES_AT, ACQUIRED_AT, LAST_RUN_AT)"
          + " SELECT CAST(? AS VARCHAR(64)), CAST(NULL AS VARCHAR(64)), 0, 0, 0, 0"
          + " FROM (SELECT 1 AS X) T WHERE NOT EXISTS"
          + " (SELECT 1 FROM "
          + TABLE
          + " WHERE LEASE_NAME = ?)";
  static final String LOCK_ROW =
      "SELECT HOLDER, FENCE_TOKEN, EXPIRES_AT, LAST_RUN_AT FROM "
          + TABLE
          + " WHERE LEASE_NAME = ? FOR UPDATE";

  private final DataSource dataSource;
  private final String holder;

  /**
   * Leases held as {@code holder} (this instance's id) in the database behind {@code dataSource}.
   */
  public Leases(DataSource dataSource, String holder) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.holder = Objects.requireNonNull(holder, "holder");
  }

  /** The holder these leases are taken as. */
  public String holder() {
    return holder;
  }

  /**
   * Creates the lease table if missing and a free row for each name.
   *
   * @throws IllegalStateException the database refused (names the table)
   */
  public void prepare(String... names) {
    try (Connection c = dataSource.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute(CREATE);
      } catch (SQLException e) {
        // another instance created it concurrently; the row inserts below tell if it is missing
      }
      for (String name : names) {
        ensureRow(c, requireName(name));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(TABLE + ": cannot prepare the lease table: " + e, e);
    }
  }

  /**
   * Takes or renews the lease {@code name} for {@code ttl}; if this instance then holds it and the
   * job has not started within {@code interval} on any instance, also claims the run.
   *
   * @return the grant, empty while another instance holds an unexpired lease
   * @throws SQLException the database failed (the caller treats it as "not leader")
   */
  public Optional<LeaseGrant> acquire(String name, Duration ttl, Duration interval)
      throws SQLException {
    requireName(name);
    try (Connection c = dataSource.getConnection()) {
      ensureRow(c, name);
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        Optional<LeaseGrant> grant = acquireLocked(c, name, ttl.toMillis(), interval.toMillis());
        c.commit();
        return grant;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private Optional<LeaseGrant> acquireLocked(
      Connection c, String name, long ttlMillis, long intervalMillis) throws SQLException {
    String current;
    long token;
    long expires;
    long lastRun;
    try (PreparedStatement lock = c.prepareStatement(LOCK_ROW)) {
      lock.setString(1, name);
      try (ResultSet rs = lock.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException(TABLE + ": no row for lease " + name);
        }
        current = rs.getString(1);
        token = rs.getLong(2);
        expires = rs.getLong(3);
        lastRun = rs.getLong(4);
      }
    }
    long now = now(c);
    boolean mine = holder.equals(current) && expires > now;
    if (!mine && expires > now) {
      return Optional.empty();
    }
    long newToken = mine ? token : token + 1;
    boolean run = now - lastRun >= intervalMillis;
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE "
                + TABLE
                + " SET HOLDER = ?, FENCE_TOKEN = ?, EXPIRES_AT = ?, ACQUIRED_AT = CASE WHEN ?"
                + " THEN ACQUIRED_AT ELSE ? END, LAST_RUN_AT = ? WHERE LEASE_NAME = ?")) {
      update.setString(1, holder);
      update.setLong(2, newToken);
      update.setLong(3, now + ttlMillis);
      update.setBoolean(4, mine);
      update.setLong(5, now);
      update.setLong(6, run ? now : lastRun);
      update.setString(7, name);
      update.executeUpdate();
    }
    return Optional.of(new LeaseGrant(name, holder, newToken, now + ttlMillis, now, run));
  }

  /** Lets the lease lapse now if this instance holds it (clean shutdown: fast hand-over). */
  public void release(String name) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE " + TABLE + " SET EXPIRES_AT = 0 WHERE LEASE_NAME = ? AND HOLDER = ?")) {
      update.setString(1, requireName(name));
      update.setString(2, holder);
      update.executeUpdate();
    }
  }

  /** Every lease row, by name, with expiry judged by the database's clock. */
  public List<LeaseView> list() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long now = now(c);
      List<LeaseView> views = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT LEASE_NAME, HOLDER, FENCE_TOKEN, EXPIRES_AT, LAST_RUN_AT FROM "
                      + TABLE
                      + " ORDER BY LEASE_NAME")) {
        while (rs.next()) {
          long expires = rs.getLong(4);
          views.add(
              new LeaseView(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(2) != null && expires > now,
                  expires - now,
                  rs.getLong(5)));
        }
      }
      return views;
    }
  }

  static long now(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(NOW_SQL)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void ensureRow(Connection c, String name) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT_IF_ABSENT)) {
      insert.setString(1, name);
      insert.setString(2, name);
      insert.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
        throw e;
      }
      // inserted concurrently by another instance: the row exists, which is all we need
    }
  }

  static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "lease name: expected 1-64 of [a-z0-9-] starting alphanumeric, got \"" + name + "\"");
    }
    return name;
  }
}
