package io.pptpgw.pptp.control;

import java.time.Duration;

/** Numbers fixed by RFC 2637 for the control connection; our own tunables live with the code that uses them. */
public final class PptpSpec {
    /** RFC 2637 §3.1.2: the control connection receiver waits for a TCP open on port 1723. */
    public static final int PORT = 1723;

    /** RFC 2637 §2: every control message carries this constant, a cheap check that the stream is in sync. */
    public static final int MAGIC_COOKIE = 0x1A2B3C4D;

    /** RFC 2637 §2: PPTP Message Type 1 is a control message; 2 (management) is reserved and never used. */
    public static final int CONTROL_MESSAGE = 1;

    /** RFC 2637 §2.1: version 1, revision 0, the only version there is. */
    public static final int PROTOCOL_VERSION = 0x0100;

    /** Length, PPTP Message Type, Magic Cookie, Control Message Type and Reserved0. */
    public static final int HEADER_LENGTH = 12;

    /** RFC 2637 §2.9: Incoming-Call-Request (220 octets) is the longest control message. */
    public static final int LONGEST_MESSAGE_LENGTH = 220;

    public static final int HOST_NAME_LENGTH = 64;
    public static final int VENDOR_STRING_LENGTH = 64;
    public static final int PHONE_NUMBER_LENGTH = 64;
    public static final int SUBADDRESS_LENGTH = 64;
    public static final int CALL_STATISTICS_LENGTH = 128;

    /** RFC 2637 §2.1 Framing Capabilities bits, also the Framing Type values 1 to 3 of §2.7. */
    public static final long FRAMING_ASYNCHRONOUS = 0x1;

    public static final long FRAMING_SYNCHRONOUS = 0x2;

    /** RFC 2637 §2.1 Bearer Capabilities bits, also the Bearer Type values 1 to 3 of §2.7. */
    public static final long BEARER_ANALOG = 0x1;

    public static final long BEARER_DIGITAL = 0x2;

    /** RFC 2637 §2.5: an Echo-Request is sent when no control message has arrived for 60 seconds. */
    public static final Duration ECHO_INTERVAL = Duration.ofSeconds(60);

    private PptpSpec() {}
}
