package dev.tether.server.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Database-side append-only enforcement on PostgreSQL: triggers that refuse UPDATE, DELETE and
 * TRUNCATE of stored events and checkpoints (for every role, table owner included, unless triggers
 * are deliberately disabled), plus the least-privilege grants script for the application role
 * ({@code postgresql-grants.sql}, run by a DBA). The application itself has no update or delete
 * path for events; this makes the database refuse one too.
 */
public final class PostgresAppendOnly {
  private static final System.Logger LOG = System.getLogger(PostgresAppendOnly.class.getName());

  /** Advisory lock key serialising trigger installation across instances ("TETHER01"). */
  static final long INSTALL_LOCK = 0x5445544845523031L;

  private PostgresAppendOnly() {}

  /** The trigger statements (idempotent). */
  public static List<String> triggerStatements() {
    return statements("postgresql-append-only.sql");
  }

  /** The grant statements for role {@code appRole}. */
  public static List<String> grantStatements(String appRole) {
    if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "appRole: expected a lowercase SQL identifier, got \"" + appRole + "\"");
    }
    return statements("postgresql-grants.sql").stream()
        .map(s -> s.replace("tether_app", appRole))
        .toList();
  }

  /**
   * Installs the triggers if {@code connection} is PostgreSQL; does nothing on other databases.
   *
   * @return true if it was PostgreSQL and the triggers are in place
   */
  public static boolean apply(Connection connection) throws SQLException {
    if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
      return false;
    }
    try (Statement statement = connection.createStatement()) {
      // Instances starting together would race on CREATE OR REPLACE FUNCTION ("tuple concurrently
      // updated") and on the triggers: one at a time, under a session-level advisory lock.
      statement.execute("SELECT pg_advisory_lock(" + INSTALL_LOCK + ")");
      try {
        for (String sql : triggerStatements()) {
          statement.execute(sql);
        }
      } finally {
        statement.execute("SELECT pg_advisory_unlock(" + INSTALL_LOCK + ")");
      }
    }
    LOG.log(System.Logger.Level.INFO, "audit store: PostgreSQL append-only triggers in place");
    return true;
  }

  private static List<String> statements(String resource) {
    try (InputStream in = PostgresAppendOnly.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(text.split("\n;;\n"))
          .map(PostgresAppendOnly::stripComments)
          .filter(s -> !s.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stripComments(String sql) {
    return Arrays.stream(sql.split("\n"))
        .filter(line -> !line.startsWith("--"))
        .reduce((a, b) -> a + "\n" + b)
        .orElse("")
        .trim();
  }
}
