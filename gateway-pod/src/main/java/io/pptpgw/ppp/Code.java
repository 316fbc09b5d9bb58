package io.pptpgw.ppp;

import java.util.Optional;

/**
 * The Code field of a control packet (RFC 1661 §5; Identification and Time-Remaining from RFC 1570 §2; Reset-Request
 * and Reset-Ack from RFC 1962 §1.1), with pppd's abbreviations for packet logs.
 */
public enum Code {
    CONFIGURE_REQUEST(1, "ConfReq"),
    CONFIGURE_ACK(2, "ConfAck"),
    CONFIGURE_NAK(3, "ConfNak"),
    CONFIGURE_REJECT(4, "ConfRej"),
    TERMINATE_REQUEST(5, "TermReq"),
    TERMINATE_ACK(6, "TermAck"),
    CODE_REJECT(7, "CodeRej"),
    PROTOCOL_REJECT(8, "ProtRej"),
    ECHO_REQUEST(9, "EchoReq"),
    ECHO_REPLY(10, "EchoRep"),
    DISCARD_REQUEST(11, "DiscReq"),
    IDENTIFICATION(12, "Ident"),
    TIME_REMAINING(13, "TimeRem"),
    RESET_REQUEST(14, "ResetReq"),
    RESET_ACK(15, "ResetAck");

    private static final Code[] BY_NUMBER = new Code[16];

    static {
        for (Code code : values()) {
            BY_NUMBER[code.number] = code;
        }
    }

    private final int number;
    private final String abbreviation;

    Code(int number, String abbreviation) {
        this.number = number;
        this.abbreviation = abbreviation;
    }

    public int number() {
        return number;
    }

    public String abbreviation() {
        return abbreviation;
    }

    public static Optional<Code> fromNumber(int number) {
        return number >= 0 && number < BY_NUMBER.length ? Optional.ofNullable(BY_NUMBER[number]) : Optional.empty();
    }

    /** RFC 1661 §4.1: Configure-*, Terminate-* and Code-Reject drive the automaton; rejecting them is catastrophic. */
    public static boolean isAutomatonCode(int number) {
        return number >= CONFIGURE_REQUEST.number && number <= CODE_REJECT.number;
    }
}
