package io.pptpgw.pptp.control;

import java.util.Locale;

/**
 * A frame that is not a valid control message: the reason (a counted label) and a detail that names the field,
 * its value and the rule. The codec returns this instead of throwing (Netty MQTT's invalid-message pattern).
 */
public record MalformedControlMessage(Reason reason, String detail) implements DecodedFrame {
    public MalformedControlMessage {
        if (reason == null || detail == null) {
            throw new IllegalArgumentException("reason and detail are required");
        }
    }

    /** The codec's checks, in the order it makes them. */
    public enum Reason {
        /** Fewer than two octets: not even a Length field. */
        TRUNCATED,
        /** The Length field disagrees with the number of octets in the frame. */
        LENGTH_MISMATCH,
        /** The Length field is shorter than the header or longer than any control message. */
        LENGTH_OUT_OF_RANGE,
        /** PPTP Message Type is not 1 (control). */
        NOT_A_CONTROL_MESSAGE,
        BAD_MAGIC_COOKIE,
        RESERVED0_NOT_ZERO,
        UNKNOWN_CONTROL_MESSAGE_TYPE,
        /** The Length field is not the one length the control message type has. */
        WRONG_LENGTH_FOR_TYPE,
        RESERVED_FIELD_NOT_ZERO,
        BAD_FIELD_VALUE;

        /** The reason as a metric label, e.g. {@code bad_magic_cookie}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return "PPTP malformed <" + reason.label() + "> " + detail;
    }
}
