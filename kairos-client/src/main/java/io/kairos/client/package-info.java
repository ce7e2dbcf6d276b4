/**
 * The Java client of the Kairos masters' HTTP API. Public: {@link io.kairos.client.KairosClient}
 * with its builder, {@link io.kairos.client.ClusterStatus} and the exceptions; everything else is
 * package-private. Depends on the JDK's {@code java.net.http} and Jackson only, never on another
 * Kairos module (a test checks it), so any application can use it.
 */
package io.kairos.client;
