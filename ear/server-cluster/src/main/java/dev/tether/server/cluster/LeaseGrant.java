package dev.tether.server.cluster;

import java.util.Objects;

/**
 * A lease this instance holds, as read under the lease row's lock. All times are the database's
 * clock in epoch milliseconds, so instances with skewed clocks still agree on expiry.
 *
 * @param name the job the lease is for
 * @param holder this instance's id
 * @param token fencing token: increases every time the lease changes holder (or is taken again
 *     after it expired), never on a renewal; a write checked by {@link LeaseFence} with an older
 *     token is refused
 * @param expiresAtMillis when the lease lapses unless renewed
 * @param nowMillis the database's time when the lease was granted
 * @param runNow true if the job was due (it had not started within its interval on any instance)
 *     and this grant claimed the run: the lease row's last-run time is now {@code nowMillis}
 */
public record LeaseGrant(
    String name, String holder, long token, long expiresAtMillis, long nowMillis, boolean runNow) {
  public LeaseGrant {
    Leases.requireName(name);
    Objects.requireNonNull(holder, "holder");
    if (token < 1 || expiresAtMillis <= nowMillis) {
      throw new IllegalArgumentException(
          "lease "
              + name
              + ": token >= 1 and expiry after now, got "
              + token
              + ", "
              + expiresAtMillis);
    }
  }
}
