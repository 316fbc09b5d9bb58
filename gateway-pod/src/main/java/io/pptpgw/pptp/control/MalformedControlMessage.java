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

    /** The codec's checks, in the order it makes them, each with how much of the conversation it spoils. */
    public enum Reason {
        /** Fewer than two octets: not even a Length field; or the stream ended inside a message. */
        TRUNCATED(Scope.STREAM),
        /** The Length field disagrees with the number of octets in the frame. */
        LENGTH_MISMATCH(Scope.STREAM),
        /** The Length field is shorter than the header or longer than any control message. */
        LENGTH_OUT_OF_RANGE(Scope.STREAM),
        /** PPTP Message Type is not 1 (control). */
        NOT_A_CONTROL_MESSAGE(Scope.CONNECTION),
        BAD_MAGIC_COOKIE(Scope.CONNECTION),
        RESERVED0_NOT_ZERO(Scope.MESSAGE),
        UNKNOWN_CONTROL_MESSAGE_TYPE(Scope.MESSAGE),
        /** The Length field is not the one length the control message type has. */
        WRONG_LENGTH_FOR_TYPE(Scope.MESSAGE),
        RESERVED_FIELD_NOT_ZERO(Scope.MESSAGE),
        BAD_FIELD_VALUE(Scope.MESSAGE);

        private final Scope scope;

        Reason(Scope scope) {
            this.scope = scope;
        }

        public Scope scope() {
            return scope;
        }

        /** The reason as a metric label, e.g. {@code bad_magic_cookie}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a malformation spoils, and so what a receiver does about it. */
    public enum Scope {
        /** The byte stream can no longer be cut into messages: close the connection. */
        STREAM,
        /** Framed, but the peer is not speaking PPTP control to us: stop the connection. */
        CONNECTION,
        /** One bad message in a stream that is still in step: drop it and go on. */
        MESSAGE
    }

    @Override
    public String toString() {
        return "PPTP malformed <" + reason.label() + "> " + detail;
    }
}
