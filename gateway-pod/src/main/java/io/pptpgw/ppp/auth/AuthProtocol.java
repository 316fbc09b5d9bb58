package io.pptpgw.ppp.auth;

/**
 * The authentication protocols, with the value that LCP's Authentication-Protocol option carries for each
 * (RFC 1661 §6.2, RFC 1994 §3, RFC 2759 §2).
 */
public enum AuthProtocol {
    PAP(0xC023, -1),
    CHAP_MD5(0xC223, 0x05),
    MSCHAP_V2(0xC223, 0x81);

    private final int pppProtocol;
    private final int algorithm;

    AuthProtocol(int pppProtocol, int algorithm) {
        this.pppProtocol = pppProtocol;
        this.algorithm = algorithm;
    }

    /** The PPP protocol number the authentication packets travel under. */
    public int pppProtocol() {
        return pppProtocol;
    }

    /** The CHAP algorithm octet, or -1 for PAP, which has none. */
    public int algorithm() {
        return algorithm;
    }

    /** The Authentication-Protocol option's data: protocol, then the algorithm for CHAP. */
    public byte[] lcpOptionData() {
        return algorithm < 0
                ? new byte[] {(byte) (pppProtocol >> 8), (byte) pppProtocol}
                : new byte[] {(byte) (pppProtocol >> 8), (byte) pppProtocol, (byte) algorithm};
    }
}
