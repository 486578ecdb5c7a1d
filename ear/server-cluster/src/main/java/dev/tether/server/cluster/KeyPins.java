package dev.tether.server.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Fingerprints of server-wide keys in {@value #TABLE}: the first instance to start records each
 * key's fingerprint (a digest of public material only, never a secret), every later start compares.
 * An instance whose data directory holds a different key (not the shared volume, a restored old
 * backup, a regenerated file) learns it at start-up and must refuse to use that key and report
 * itself not ready, instead of signing checkpoints or accepting tokens the others do not.
 */
public final class KeyPins {
  /** The pin table. */
  public static final String TABLE = "TETHER_KEY_PIN";

  private static final String CREATE =
      "CREATE TABLE IF NOT EXISTS "
          + TABLE
          + " (KEY_NAME VARCHAR(64) NOT NULL PRIMARY KEY, FINGERPRINT VARCHAR(128) NOT NULL,"
          + " PINNED_BY VARCHAR(64) NOT NULL, PINNED_AT BIGINT NOT NULL)";

  private KeyPins() {}

  /**
   * Records {@code fingerprint} for {@code name} if none is recorded, else compares. Must be called
   * outside a JTA transaction. {@code instance} (this instance's id) is recorded with a new pin.
   *
   * @throws KeyMismatchException the database pins another fingerprint (message names both)
   * @throws IllegalStateException the database could not be asked (names the table)
   */
  public static void pin(DataSource dataSource, String name, String fingerprint, String instance) {
    Leases.requireName(name);
    Objects.requireNonNull(fingerprint, "fingerprint");
    try (Connection c = dataSource.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute(CREATE);
      } catch (SQLException e) {
        // created concurrently by another instance
      }
      String pinned = read(c, name);
      if (pinned == null) {
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO "
                    + TABLE
                    + " (KEY_NAME, FINGERPRINT, PINNED_BY, PINNED_AT) VALUES (?, ?, ?, ?)")) {
          insert.setString(1, name);
          insert.setString(2, fingerprint);
          insert.setString(3, instance);
          insert.setLong(4, System.currentTimeMillis());
          insert.executeUpdate();
          if (!c.getAutoCommit()) {
            c.commit();
          }
          return;
        } catch (SQLException e) {
          if (!c.getAutoCommit()) {
            c.rollback();
          }
          pinned = read(c, name); // pinned concurrently by another instance: compare with that
          if (pinned == null) {
            throw e;
          }
        }
      }
      if (!pinned.equals(fingerprint)) {
        throw new KeyMismatchException(name, pinned, fingerprint);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(TABLE + ": cannot check the pin of " + name + ": " + e, e);
    }
  }

  private static String read(Connection c, String name) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT FINGERPRINT FROM " + TABLE + " WHERE KEY_NAME = ?")) {
      q.setString(1, name);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
