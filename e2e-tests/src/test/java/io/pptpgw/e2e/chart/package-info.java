/** Tests of the Helm chart charts/pptpgw-operator, rendered by a real Helm engine (helm-java's bundled Helm). */
package io.pptpgw.e2e.chart;
