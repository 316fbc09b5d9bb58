/**
 * Impairments for lab routers where the kernel has no netem: random GRE loss with nftables and GRE reordering by a
 * relay that captures and re-sends a router's GRE.
 */
package io.pptpgw.lab.impairment;
