package io.pptpgw.ppp;

import java.time.Duration;

/** Numbers RFC 1661 fixes or recommends; our own tunables live in the settings records, not here. */
public final class PppSpec {
    /** RFC 1661 §4.6: Terminate-Requests sent without an answer before giving up. */
    public static final int MAX_TERMINATE = 2;
    /** RFC 1661 §4.6: Configure-Requests sent without an answer before giving up. */
    public static final int MAX_CONFIGURE = 10;
    /** RFC 1661 §4.6: Configure-Naks sent without a Configure-Ack before Naks become Rejects. */
    public static final int MAX_FAILURE = 5;
    /** RFC 1661 §4.6: the Restart timer's default period. */
    public static final Duration RESTART_INTERVAL = Duration.ofSeconds(3);
    /** RFC 1661 §6.1: the MRU a peer assumes when the option is not negotiated. */
    public static final int DEFAULT_MRU = 1500;
    /** The smallest MRU we accept from a peer (pppd's MINMRU); RFC 1661 leaves it to the implementation. */
    public static final int MINIMUM_MRU = 128;

    private PppSpec() {}
}
