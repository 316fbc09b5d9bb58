/** The operator's own HTTP endpoints: /healthz, /readyz and /metrics (Prometheus text format). */
package io.pptpgw.operator.health;
