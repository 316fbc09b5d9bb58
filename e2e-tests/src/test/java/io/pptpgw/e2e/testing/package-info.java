/** What the chart, image and kind tests share: the repository's files, scripts run as processes, strict parsing. */
package io.pptpgw.e2e.testing;
