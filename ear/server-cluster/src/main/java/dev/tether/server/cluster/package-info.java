/**
 * What several Tether server instances behind one load balancer share and how they agree.
 *
 * <ul>
 *   <li>{@link dev.tether.server.cluster.InstanceId}: this instance's id ({@code
 *       tether.instance.id}), shown in health output and recorded as lease holder.
 *   <li>{@link dev.tether.server.cluster.RunOnce} over {@link dev.tether.server.cluster.Leases}: a
 *       lease row per job in the shared database ({@code TETHER_SERVER_LEASE}), so a scheduled job
 *       runs on one instance at a time and at most once per interval across all of them; {@link
 *       dev.tether.server.cluster.LeaseFence} makes the job's writing transaction refuse to commit
 *       once the lease was lost.
 *   <li>{@link dev.tether.server.cluster.KeyPins}: the fingerprint of each server-wide key recorded
 *       in the database by the first instance, so an instance reading a different key from its data
 *       directory refuses to use it instead of signing with it.
 *   <li>{@link dev.tether.server.cluster.SecretFiles}: secret files created atomically, so two
 *       instances starting at once on a shared data directory agree on one key.
 * </ul>
 *
 * <p>Plain classes with no EJB or CDI annotations (they sit in the EAR's {@code lib/}); callers
 * pass their data source or entity manager. Works on H2 and PostgreSQL. Must not depend on the
 * policy, audit or web modules.
 */
package dev.tether.server.cluster;
