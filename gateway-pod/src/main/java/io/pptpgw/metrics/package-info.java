/**
 * What the gateway tells Prometheus and Kubernetes: every metric by name ({@link io.pptpgw.metrics.GatewayMetrics}),
 * and the {@code /metrics}, {@code /healthz} and {@code /readyz} endpoints ({@link io.pptpgw.metrics.MetricsServer}).
 */
package io.pptpgw.metrics;
