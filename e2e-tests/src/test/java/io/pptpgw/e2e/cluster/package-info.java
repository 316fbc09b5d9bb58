/**
 * The end-to-end tests on a kind cluster ({@code *E2E}, Maven profile {@code e2e}, run by e2e-tests/kind/run.sh):
 * the chart-installed operator, a PptpGateway, a real pptp-linux client, the gateway's metrics and its cleanup.
 */
package io.pptpgw.e2e.cluster;
