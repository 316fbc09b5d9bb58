package io.pptpgw.config;

/**
 * What the node does to the MSS option of TCP SYNs through the tunnel: clamp to the route's MTU, to a fixed value,
 * or nothing.
 */
public sealed interface MssClamping {
    /** {@code tcp option maxseg size set rt mtu}: the MTU of the route the SYN takes, minus 40. */
    record PathMtu() implements MssClamping {}

    /** {@code tcp option maxseg size set <mss>}: the kernel only ever lowers the MSS, never raises it. */
    record Fixed(int mss) implements MssClamping {}

    /** No clamping. */
    record Off() implements MssClamping {}
}
