package io.pptpgw.dataplane;

import java.util.Locale;

/** Why the data path dropped a packet: the {@code layer} and {@code reason} labels of the drop counter. */
public enum Drop {
    GRE_TRUNCATED("gre"),
    GRE_BAD_VERSION("gre"),
    GRE_BAD_PROTOCOL("gre"),
    GRE_KEY_ABSENT("gre"),
    GRE_UNSUPPORTED_FLAGS("gre"),
    GRE_PAYLOAD_BEYOND_PACKET("gre"),
    GRE_PAYLOAD_WITHOUT_SEQUENCE("gre"),
    GRE_EMPTY("gre"),
    GRE_UNKNOWN_CALL_ID("gre"),
    GRE_SOURCE_MISMATCH("gre"),
    GRE_LATE("gre"),
    GRE_TOO_FAR_AHEAD("gre"),
    GRE_SEND_FAILED("gre"),
    PPP_TRUNCATED("ppp"),
    PPP_BAD_CONTROL_FIELD("ppp"),
    PPP_INVALID_PROTOCOL("ppp"),
    PPP_LINK_NOT_UP("ppp"),
    PPP_UNENCRYPTED_REFUSED("ppp"),
    MPPE_MALFORMED("mppe"),
    MPPE_NOT_ENCRYPTED("mppe"),
    MPPE_COMPRESSED("mppe"),
    MPPE_LATE("mppe"),
    MPPE_AWAITING_FLUSH("mppe"),
    MPPE_GARBLED("mppe"),
    IP_MALFORMED("ip"),
    IP_SPOOFED_SOURCE("ip"),
    IP_TOO_BIG("ip"),
    TUN_NO_SESSION("tun"),
    TUN_NOT_IPV4("tun"),
    TUN_WRITE_FAILED("tun");

    private final String layer;

    Drop(String layer) {
        this.layer = layer;
    }

    public String layer() {
        return layer;
    }

    /** The reason label: the name without its layer, in lower case, e.g. {@code unknown_call_id}. */
    public String reason() {
        return name().substring(layer.length() + 1).toLowerCase(Locale.ROOT);
    }
}
