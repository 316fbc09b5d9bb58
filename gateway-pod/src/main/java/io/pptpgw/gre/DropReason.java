package io.pptpgw.gre;

/**
 * Why a received GRE packet was not delivered. Each value is one label of the drop counter
 * ({@code pptpgw_gre_dropped_total{reason="..."}}); the data path counts, it never throws.
 */
public enum DropReason {
    /** Shorter than the header its flags announce, or an IP header that does not fit. */
    TRUNCATED("truncated"),
    /** RFC 2637 §4.1: version must be 1 (a version 0 packet is plain GRE, not PPTP). */
    BAD_VERSION("bad_version"),
    /** RFC 2637 §4.1: protocol type must be 0x880B (PPP). */
    BAD_PROTOCOL("bad_protocol"),
    /** RFC 2637 §4.1: the key (payload length and call id) must be present. */
    KEY_ABSENT("key_absent"),
    /** RFC 2637 §4.1: checksum, routing, strict source route and recursion must be zero. */
    UNSUPPORTED_FLAGS("unsupported_flags"),
    /** The Payload Length field claims more bytes than the packet holds. */
    PAYLOAD_BEYOND_PACKET("payload_beyond_packet"),
    /** RFC 2637 §4.1: a packet without a sequence number is an acknowledgement only and carries no payload. */
    PAYLOAD_WITHOUT_SEQUENCE("payload_without_sequence"),
    /** Neither a sequence nor an acknowledgement number: nothing to act on. */
    EMPTY("empty"),
    /** No session has this call id. */
    UNKNOWN_CALL_ID("unknown_call_id"),
    /** The call id belongs to a session whose peer has another address. */
    SOURCE_MISMATCH("source_mismatch"),
    /** A duplicate, or older than the sequence number expected next (RFC 2637 §4.3). */
    LATE("late"),
    /** So far ahead of the expected sequence number that it cannot be a real packet of this call. */
    TOO_FAR_AHEAD("too_far_ahead");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** The metric label value: lower case with underscores. */
    public String label() {
        return label;
    }
}
