package io.pptpgw.gre;

/**
 * Constants of the enhanced GRE header (RFC 2637 §4.1), as the first 16 bits of the header read in network order.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Key (HW) Payload Length    |       Key (LW) Call ID        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Sequence Number (Optional)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               Acknowledgment Number (Optional)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class GreSpec {
    /** The IP protocol number of GRE. */
    public static final int IP_PROTOCOL = 47;

    /** RFC 2637 §4.1: the enhanced header is GRE version 1. */
    public static final int VERSION = 1;

    /** RFC 2637 §4.1: Protocol Type of PPP. */
    public static final int PROTOCOL_PPP = 0x880B;

    public static final int CHECKSUM_PRESENT = 0x8000;
    public static final int ROUTING_PRESENT = 0x4000;
    public static final int KEY_PRESENT = 0x2000;
    public static final int SEQUENCE_PRESENT = 0x1000;
    public static final int STRICT_SOURCE_ROUTE = 0x0800;
    public static final int RECURSION_CONTROL = 0x0700;
    public static final int ACKNOWLEDGMENT_PRESENT = 0x0080;
    /** RFC 2637 §4.1: "MUST be set to zero"; the RFC gives no discard rule, so a receiver ignores them. */
    public static final int RESERVED_FLAGS = 0x0078;

    public static final int VERSION_MASK = 0x0007;

    /** RFC 2637 §4.1: C, R, s and recursion must be zero in the enhanced header. */
    public static final int MUST_BE_ZERO = CHECKSUM_PRESENT | ROUTING_PRESENT | STRICT_SOURCE_ROUTE | RECURSION_CONTROL;

    /** Flags, protocol, payload length and call id. */
    public static final int FIXED_HEADER_LENGTH = 8;

    public static final int MAXIMUM_HEADER_LENGTH = 16;

    /** The Payload Length and Call ID fields are 16 bits. */
    public static final int MAXIMUM_PAYLOAD_LENGTH = 0xFFFF;

    public static final int MAXIMUM_CALL_ID = 0xFFFF;

    private GreSpec() {}

    /** The header length the S and A bits announce. */
    public static int headerLength(boolean sequencePresent, boolean acknowledgmentPresent) {
        return FIXED_HEADER_LENGTH + (sequencePresent ? 4 : 0) + (acknowledgmentPresent ? 4 : 0);
    }
}
