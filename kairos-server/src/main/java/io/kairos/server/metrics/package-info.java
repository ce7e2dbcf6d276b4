/** What a master tells Prometheus ({@code /metrics}) and load balancers ({@code /health}, {@code /ready}). */
package io.kairos.server.metrics;
