package io.pptpgw.pptp.control;

import java.util.Optional;

/**
 * The 15 control message types of RFC 2637 §2 with their Control Message Type code and their exact length on the
 * wire, header included. Every type has one fixed length, so checking a frame's length is one comparison.
 */
public enum MessageType {
    START_CONTROL_CONNECTION_REQUEST(1, 156, "Start-Control-Connection-Request", "§2.1"),
    START_CONTROL_CONNECTION_REPLY(2, 156, "Start-Control-Connection-Reply", "§2.2"),
    STOP_CONTROL_CONNECTION_REQUEST(3, 16, "Stop-Control-Connection-Request", "§2.3"),
    STOP_CONTROL_CONNECTION_REPLY(4, 16, "Stop-Control-Connection-Reply", "§2.4"),
    ECHO_REQUEST(5, 16, "Echo-Request", "§2.5"),
    ECHO_REPLY(6, 20, "Echo-Reply", "§2.6"),
    OUTGOING_CALL_REQUEST(7, 168, "Outgoing-Call-Request", "§2.7"),
    OUTGOING_CALL_REPLY(8, 32, "Outgoing-Call-Reply", "§2.8"),
    INCOMING_CALL_REQUEST(9, 220, "Incoming-Call-Request", "§2.9"),
    INCOMING_CALL_REPLY(10, 24, "Incoming-Call-Reply", "§2.10"),
    INCOMING_CALL_CONNECTED(11, 28, "Incoming-Call-Connected", "§2.11"),
    CALL_CLEAR_REQUEST(12, 16, "Call-Clear-Request", "§2.12"),
    CALL_DISCONNECT_NOTIFY(13, 148, "Call-Disconnect-Notify", "§2.13"),
    WAN_ERROR_NOTIFY(14, 40, "WAN-Error-Notify", "§2.14"),
    SET_LINK_INFO(15, 24, "Set-Link-Info", "§2.15");

    private static final MessageType[] BY_CODE = new MessageType[16];

    static {
        for (MessageType type : values()) {
            if (BY_CODE[type.code] != null) {
                throw new AssertionError("control message type " + type.code + " is used twice");
            }
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final int wireLength;
    private final String rfcName;
    private final String section;

    MessageType(int code, int wireLength, String rfcName, String section) {
        this.code = code;
        this.wireLength = wireLength;
        this.rfcName = rfcName;
        this.section = section;
    }

    public static Optional<MessageType> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /** The Control Message Type field. */
    public int code() {
        return code;
    }

    /** The whole message's length on the wire, the 12-octet header included (what the Length field says). */
    public int wireLength() {
        return wireLength;
    }

    /** The RFC's hyphenated name, as logs print it. */
    public String rfcName() {
        return rfcName;
    }

    /** The RFC 2637 section that defines the message, for error messages. */
    public String section() {
        return section;
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
