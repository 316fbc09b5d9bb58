/** Lab tests of what a running gateway tells its operators: /metrics, /healthz, /readyz, the admin socket, logs. */
package io.pptpgw.observability;
