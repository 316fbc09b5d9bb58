/**
 * Enhanced GRE as PPTP carries PPP (RFC 2637 §4, RFC 1982 serial arithmetic): the header view, sequence and
 * acknowledgement bookkeeping, the reorder buffer, the peer's send window, drop reasons, and the {@link
 * io.pptpgw.gre.GreSocket} seam with its in-memory double.
 */
package io.pptpgw.gre;
