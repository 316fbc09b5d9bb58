package io.pptpgw.ppp.fsm;

/**
 * The ten states of RFC 1661 §4.2, in the table's order. The usual path to Opened:
 *
 * <pre>
 * INITIAL --Open--> STARTING --Up--> REQ_SENT --RCA--> ACK_RCVD --RCR+--> OPENED
 *                                        \--RCR+--> ACK_SENT --RCA------/
 * </pre>
 *
 * and back down: OPENED --Close--> CLOSING --RTA--> CLOSED, or OPENED --RTR--> STOPPING --TO---> STOPPED.
 */
public enum State {
    INITIAL,
    STARTING,
    CLOSED,
    STOPPED,
    CLOSING,
    STOPPING,
    REQ_SENT,
    ACK_RCVD,
    ACK_SENT,
    OPENED;

    /** RFC 1661 §4.2: the Restart timer runs only while a request or a termination awaits an answer. */
    public boolean restartTimerRuns() {
        return switch (this) {
            case CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> true;
            case INITIAL, STARTING, CLOSED, STOPPED, OPENED -> false;
        };
    }
}
