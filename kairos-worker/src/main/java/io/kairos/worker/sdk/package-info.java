/**
 * The Java SDK for jobs run by a Kairos worker: implement {@link io.kairos.worker.sdk.JobHandler}
 * and register it with {@link java.util.ServiceLoader}. The only public package of
 * {@code kairos-worker} besides the agent's entry points; it depends on nothing but the JDK.
 */
package io.kairos.worker.sdk;
