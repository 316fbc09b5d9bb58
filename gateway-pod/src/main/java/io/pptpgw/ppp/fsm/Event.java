package io.pptpgw.ppp.fsm;

import java.util.Arrays;
import java.util.Optional;

/** The sixteen events of RFC 1661 §4.3, with the abbreviation the RFC's table uses. */
public enum Event {
    UP("Up"),
    DOWN("Down"),
    OPEN("Open"),
    CLOSE("Close"),
    /** Timeout with counter > 0. */
    TIMEOUT_RETRY("TO+"),
    /** Timeout with counter expired. */
    TIMEOUT_GIVE_UP("TO-"),
    RECEIVE_GOOD_CONFIGURE_REQUEST("RCR+"),
    RECEIVE_BAD_CONFIGURE_REQUEST("RCR-"),
    RECEIVE_CONFIGURE_ACK("RCA"),
    RECEIVE_CONFIGURE_NAK_OR_REJECT("RCN"),
    RECEIVE_TERMINATE_REQUEST("RTR"),
    RECEIVE_TERMINATE_ACK("RTA"),
    RECEIVE_UNKNOWN_CODE("RUC"),
    /** Code-Reject (permitted) or Protocol-Reject of another protocol. */
    RECEIVE_PERMITTED_REJECT("RXJ+"),
    /** Code-Reject (catastrophic) or Protocol-Reject of this protocol. */
    RECEIVE_CATASTROPHIC_REJECT("RXJ-"),
    /** Echo-Request, Echo-Reply or Discard-Request. */
    RECEIVE_ECHO_OR_DISCARD("RXR");

    private final String abbreviation;

    Event(String abbreviation) {
        this.abbreviation = abbreviation;
    }

    public String abbreviation() {
        return abbreviation;
    }

    public static Optional<Event> fromAbbreviation(String abbreviation) {
        return Arrays.stream(values())
                .filter(e -> e.abbreviation.equals(abbreviation))
                .findFirst();
    }
}
