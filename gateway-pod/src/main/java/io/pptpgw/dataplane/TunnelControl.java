package io.pptpgw.dataplane;

/**
 * The control side of a tunnel, as the data path sees it. Both methods are called from the GRE worker and must hand
 * the work over to the session's own thread without blocking.
 */
public interface TunnelControl {
    /** A PPP frame of a protocol the data path does not carry itself (LCP, authentication, IPCP, CCP, others). */
    void receiveControl(int protocol, byte[] information);

    /** Stateful MPPE lost its place: send a CCP Reset-Request (RFC 3078 §8). */
    void requestCcpReset();
}
