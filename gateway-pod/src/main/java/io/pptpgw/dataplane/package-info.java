/**
 * The data path: the GRE worker (GRE in, PPP and MPPE decoded, IP out to the TUN device) and the TUN worker (IP in,
 * MPPE and PPP encoded, GRE out), and the per-session {@link io.pptpgw.dataplane.Tunnel} state they share. See
 * {@link io.pptpgw.dataplane.DataPlane} for the threads and who owns what.
 */
package io.pptpgw.dataplane;
