package io.pptpgw.ppp.fsm;

import static io.pptpgw.ppp.fsm.State.ACK_RCVD;
import static io.pptpgw.ppp.fsm.State.ACK_SENT;
import static io.pptpgw.ppp.fsm.State.CLOSED;
import static io.pptpgw.ppp.fsm.State.CLOSING;
import static io.pptpgw.ppp.fsm.State.INITIAL;
import static io.pptpgw.ppp.fsm.State.OPENED;
import static io.pptpgw.ppp.fsm.State.REQ_SENT;
import static io.pptpgw.ppp.fsm.State.STARTING;
import static io.pptpgw.ppp.fsm.State.STOPPED;
import static io.pptpgw.ppp.fsm.State.STOPPING;

import io.pptpgw.ppp.PppSpec;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The option-negotiation automaton of RFC 1661 §4.1: one method per event, one case per state, so every cell of the
 * state transition table appears below with the RFC's notation in a comment ({@code irc,scr/6}: actions, then the
 * number of the next state). Conditions (a good or bad request, retries left, a permitted or catastrophic reject) are
 * decided by the caller before it chooses the event. Cells the RFC marks '-' are logged and ignored.
 *
 * <p>Not thread-safe; one event at a time. An action must not feed an event back into the same automaton.
 */
public final class Automaton {
    private static final Logger log = LoggerFactory.getLogger(Automaton.class);

    private final String name;
    private final Actions actions;
    private final RestartTimer restartTimer;
    private State state = INITIAL;
    private int restartCount;
    private boolean inTransition;

    public Automaton(String name, Actions actions, RestartTimer restartTimer) {
        this.name = name;
        this.actions = actions;
        this.restartTimer = restartTimer;
    }

    public State state() {
        return state;
    }

    /** The restart counter of RFC 1661 §4.6: transmissions left before a timeout gives up. */
    public int restartCount() {
        return restartCount;
    }

    /** The Restart timer expired: TO+ while transmissions are left, TO- once the counter ran out. */
    public void timeout() {
        if (restartCount > 0) {
            timeoutRetry();
        } else {
            timeoutGiveUp();
        }
    }

    /** Dispatches an event by name, for callers that chose it as a value. */
    public void fire(Event event) {
        switch (event) {
            case UP -> up();
            case DOWN -> down();
            case OPEN -> open();
            case CLOSE -> close();
            case TIMEOUT_RETRY -> timeoutRetry();
            case TIMEOUT_GIVE_UP -> timeoutGiveUp();
            case RECEIVE_GOOD_CONFIGURE_REQUEST -> receiveGoodConfigureRequest();
            case RECEIVE_BAD_CONFIGURE_REQUEST -> receiveBadConfigureRequest();
            case RECEIVE_CONFIGURE_ACK -> receiveConfigureAck();
            case RECEIVE_CONFIGURE_NAK_OR_REJECT -> receiveConfigureNakOrReject();
            case RECEIVE_TERMINATE_REQUEST -> receiveTerminateRequest();
            case RECEIVE_TERMINATE_ACK -> receiveTerminateAck();
            case RECEIVE_UNKNOWN_CODE -> receiveUnknownCode();
            case RECEIVE_PERMITTED_REJECT -> receivePermittedReject();
            case RECEIVE_CATASTROPHIC_REJECT -> receiveCatastrophicReject();
            case RECEIVE_ECHO_OR_DISCARD -> receiveEchoOrDiscard();
        }
    }

    /** Up: the lower layer is ready. */
    public void up() {
        transition(Event.UP, () -> switch (state) {
            case INITIAL -> CLOSED; // 2
            case STARTING -> { // irc,scr/6
                initializeRestartCount(PppSpec.MAX_CONFIGURE);
                sendConfigureRequest();
                yield REQ_SENT;
            }
            case CLOSED, STOPPED, CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT, OPENED -> illegal(Event.UP);
        });
    }

    /** Down: the lower layer is gone. */
    public void down() {
        transition(Event.DOWN, () -> switch (state) {
            case CLOSED, CLOSING -> INITIAL; // 0, 0
            case STOPPED -> { // tls/1
                actions.thisLayerStarted();
                yield STARTING;
            }
            case STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> STARTING; // 1
            case OPENED -> { // tld/1
                actions.thisLayerDown();
                yield STARTING;
            }
            case INITIAL, STARTING -> illegal(Event.DOWN);
        });
    }

    /** Open: the administrator allows the link. The RFC's optional restart ('r') is not taken. */
    public void open() {
        transition(Event.OPEN, () -> switch (state) {
            case INITIAL -> { // tls/1
                actions.thisLayerStarted();
                yield STARTING;
            }
            case STARTING -> STARTING; // 1
            case CLOSED -> { // irc,scr/6
                initializeRestartCount(PppSpec.MAX_CONFIGURE);
                sendConfigureRequest();
                yield REQ_SENT;
            }
            case STOPPED -> STOPPED; // 3r
            case CLOSING, STOPPING -> STOPPING; // 5r, 5r
            case REQ_SENT, ACK_RCVD, ACK_SENT, OPENED -> state; // 6, 7, 8, 9r
        });
    }

    /** Close: the administrator ends the link. */
    public void close() {
        transition(Event.CLOSE, () -> switch (state) {
            case INITIAL -> INITIAL; // 0
            case STARTING -> { // tlf/0
                actions.thisLayerFinished();
                yield INITIAL;
            }
            case CLOSED, STOPPED -> CLOSED; // 2, 2
            case CLOSING, STOPPING -> CLOSING; // 4, 4
            case REQ_SENT, ACK_RCVD, ACK_SENT -> { // irc,str/4
                initializeRestartCount(PppSpec.MAX_TERMINATE);
                sendTerminateRequest();
                yield CLOSING;
            }
            case OPENED -> { // tld,irc,str/4
                actions.thisLayerDown();
                initializeRestartCount(PppSpec.MAX_TERMINATE);
                sendTerminateRequest();
                yield CLOSING;
            }
        });
    }

    /** TO+: the Restart timer expired with transmissions left. */
    public void timeoutRetry() {
        transition(Event.TIMEOUT_RETRY, () -> switch (state) {
            case CLOSING, STOPPING -> { // str/4, str/5
                sendTerminateRequest();
                yield state;
            }
            case REQ_SENT, ACK_RCVD -> { // scr/6, scr/6
                sendConfigureRequest();
                yield REQ_SENT;
            }
            case ACK_SENT -> { // scr/8
                sendConfigureRequest();
                yield ACK_SENT;
            }
            case INITIAL, STARTING, CLOSED, STOPPED, OPENED -> illegal(Event.TIMEOUT_RETRY);
        });
    }

    /** TO-: the Restart timer expired and the counter ran out. The passive option ('p') is not taken. */
    public void timeoutGiveUp() {
        transition(Event.TIMEOUT_GIVE_UP, () -> switch (state) {
            case CLOSING -> { // tlf/2
                actions.thisLayerFinished();
                yield CLOSED;
            }
            case STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> { // tlf/3, tlf/3p
                actions.thisLayerFinished();
                yield STOPPED;
            }
            case INITIAL, STARTING, CLOSED, STOPPED, OPENED -> illegal(Event.TIMEOUT_GIVE_UP);
        });
    }

    /** RCR+: a Configure-Request we can acknowledge. */
    public void receiveGoodConfigureRequest() {
        transition(Event.RECEIVE_GOOD_CONFIGURE_REQUEST, () -> switch (state) {
            case CLOSED -> { // sta/2
                actions.sendTerminateAck();
                yield CLOSED;
            }
            case STOPPED -> { // irc,scr,sca/8
                initializeRestartCount(PppSpec.MAX_CONFIGURE);
                sendConfigureRequest();
                actions.sendConfigureAck();
                yield ACK_SENT;
            }
            case CLOSING, STOPPING -> state; // 4, 5
            case REQ_SENT, ACK_SENT -> { // sca/8
                actions.sendConfigureAck();
                yield ACK_SENT;
            }
            case ACK_RCVD -> { // sca,tlu/9
                actions.sendConfigureAck();
                actions.thisLayerUp();
                yield OPENED;
            }
            case OPENED -> { // tld,scr,sca/8
                actions.thisLayerDown();
                sendConfigureRequest();
                actions.sendConfigureAck();
                yield ACK_SENT;
            }
            case INITIAL, STARTING -> illegal(Event.RECEIVE_GOOD_CONFIGURE_REQUEST);
        });
    }

    /** RCR-: a Configure-Request we answer with a Configure-Nak or Configure-Reject. */
    public void receiveBadConfigureRequest() {
        transition(Event.RECEIVE_BAD_CONFIGURE_REQUEST, () -> switch (state) {
            case CLOSED -> { // sta/2
                actions.sendTerminateAck();
                yield CLOSED;
            }
            case STOPPED -> { // irc,scr,scn/6
                initializeRestartCount(PppSpec.MAX_CONFIGURE);
                sendConfigureRequest();
                actions.sendConfigureNak();
                yield REQ_SENT;
            }
            case CLOSING, STOPPING -> state; // 4, 5
            case REQ_SENT, ACK_SENT -> { // scn/6, scn/6
                actions.sendConfigureNak();
                yield REQ_SENT;
            }
            case ACK_RCVD -> { // scn/7
                actions.sendConfigureNak();
                yield ACK_RCVD;
            }
            case OPENED -> { // tld,scr,scn/6
                actions.thisLayerDown();
                sendConfigureRequest();
                actions.sendConfigureNak();
                yield REQ_SENT;
            }
            case INITIAL, STARTING -> illegal(Event.RECEIVE_BAD_CONFIGURE_REQUEST);
        });
    }

    /** RCA */
    public void receiveConfigureAck() {
        transition(Event.RECEIVE_CONFIGURE_ACK, () -> switch (state) {
            case CLOSED, STOPPED -> { // sta/2, sta/3
                actions.sendTerminateAck();
                yield state;
            }
            case CLOSING, STOPPING -> state; // 4, 5
            case REQ_SENT -> { // irc/7
                initializeRestartCount(PppSpec.MAX_CONFIGURE);
                yield ACK_RCVD;
            }
            case ACK_RCVD -> { // scr/6x: a crossed connection
                sendConfigureRequest();
                yield REQ_SENT;
            }
            case ACK_SENT -> { // irc,tlu/9
                initializeRestartCount(PppSpec.MAX_CONFIGURE);
                actions.thisLayerUp();
                yield OPENED;
            }
            case OPENED -> { // tld,scr/6x
                actions.thisLayerDown();
                sendConfigureRequest();
                yield REQ_SENT;
            }
            case INITIAL, STARTING -> illegal(Event.RECEIVE_CONFIGURE_ACK);
        });
    }

    /** RCN: a Configure-Nak or Configure-Reject of our request. */
    public void receiveConfigureNakOrReject() {
        transition(Event.RECEIVE_CONFIGURE_NAK_OR_REJECT, () -> switch (state) {
            case CLOSED, STOPPED -> { // sta/2, sta/3
                actions.sendTerminateAck();
                yield state;
            }
            case CLOSING, STOPPING -> state; // 4, 5
            case REQ_SENT -> { // irc,scr/6
                initializeRestartCount(PppSpec.MAX_CONFIGURE);
                sendConfigureRequest();
                yield REQ_SENT;
            }
            case ACK_RCVD -> { // scr/6x
                sendConfigureRequest();
                yield REQ_SENT;
            }
            case ACK_SENT -> { // irc,scr/8
                initializeRestartCount(PppSpec.MAX_CONFIGURE);
                sendConfigureRequest();
                yield ACK_SENT;
            }
            case OPENED -> { // tld,scr/6x
                actions.thisLayerDown();
                sendConfigureRequest();
                yield REQ_SENT;
            }
            case INITIAL, STARTING -> illegal(Event.RECEIVE_CONFIGURE_NAK_OR_REJECT);
        });
    }

    /** RTR */
    public void receiveTerminateRequest() {
        transition(Event.RECEIVE_TERMINATE_REQUEST, () -> switch (state) {
            case CLOSED, STOPPED, CLOSING, STOPPING -> { // sta/2, sta/3, sta/4, sta/5
                actions.sendTerminateAck();
                yield state;
            }
            case REQ_SENT, ACK_RCVD, ACK_SENT -> { // sta/6
                actions.sendTerminateAck();
                yield REQ_SENT;
            }
            case OPENED -> { // tld,zrc,sta/5: wait one restart period so the peer sees the Ack
                actions.thisLayerDown();
                zeroRestartCount();
                actions.sendTerminateAck();
                yield STOPPING;
            }
            case INITIAL, STARTING -> illegal(Event.RECEIVE_TERMINATE_REQUEST);
        });
    }

    /** RTA */
    public void receiveTerminateAck() {
        transition(Event.RECEIVE_TERMINATE_ACK, () -> switch (state) {
            case CLOSED, STOPPED -> state; // 2, 3
            case CLOSING -> { // tlf/2
                actions.thisLayerFinished();
                yield CLOSED;
            }
            case STOPPING -> { // tlf/3
                actions.thisLayerFinished();
                yield STOPPED;
            }
            case REQ_SENT, ACK_RCVD -> REQ_SENT; // 6, 6
            case ACK_SENT -> ACK_SENT; // 8
            case OPENED -> { // tld,scr/6
                actions.thisLayerDown();
                sendConfigureRequest();
                yield REQ_SENT;
            }
            case INITIAL, STARTING -> illegal(Event.RECEIVE_TERMINATE_ACK);
        });
    }

    /** RUC: a code this protocol does not know. */
    public void receiveUnknownCode() {
        transition(Event.RECEIVE_UNKNOWN_CODE, () -> switch (state) {
            case CLOSED, STOPPED, CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT, OPENED -> { // scj/same state
                actions.sendCodeReject();
                yield state;
            }
            case INITIAL, STARTING -> illegal(Event.RECEIVE_UNKNOWN_CODE);
        });
    }

    /** RXJ+: the peer rejected something we can do without. */
    public void receivePermittedReject() {
        transition(Event.RECEIVE_PERMITTED_REJECT, () -> switch (state) {
            case CLOSED, STOPPED, CLOSING, STOPPING, REQ_SENT, ACK_SENT, OPENED -> state; // 2, 3, 4, 5, 6, 8, 9
            case ACK_RCVD -> REQ_SENT; // 6
            case INITIAL, STARTING -> illegal(Event.RECEIVE_PERMITTED_REJECT);
        });
    }

    /** RXJ-: the peer rejected something this protocol cannot work without. */
    public void receiveCatastrophicReject() {
        transition(Event.RECEIVE_CATASTROPHIC_REJECT, () -> switch (state) {
            case CLOSED, CLOSING -> { // tlf/2, tlf/2
                actions.thisLayerFinished();
                yield CLOSED;
            }
            case STOPPED, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> { // tlf/3
                actions.thisLayerFinished();
                yield STOPPED;
            }
            case OPENED -> { // tld,irc,str/5
                actions.thisLayerDown();
                initializeRestartCount(PppSpec.MAX_TERMINATE);
                sendTerminateRequest();
                yield STOPPING;
            }
            case INITIAL, STARTING -> illegal(Event.RECEIVE_CATASTROPHIC_REJECT);
        });
    }

    /** RXR: Echo-Request, Echo-Reply or Discard-Request; only Opened answers. */
    public void receiveEchoOrDiscard() {
        transition(Event.RECEIVE_ECHO_OR_DISCARD, () -> switch (state) {
            case CLOSED, STOPPED, CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> state; // 2 .. 8
            case OPENED -> { // ser/9
                actions.sendEchoReply();
                yield OPENED;
            }
            case INITIAL, STARTING -> illegal(Event.RECEIVE_ECHO_OR_DISCARD);
        });
    }

    private void transition(Event event, Supplier<State> cell) {
        if (inTransition) {
            throw new IllegalStateException(
                    name + ": event " + event.abbreviation() + " arrived while another event was being handled");
        }
        State before = state;
        inTransition = true;
        try {
            state = cell.get();
        } finally {
            inTransition = false;
        }
        if (!state.restartTimerRuns()) {
            restartTimer.stop();
        }
        if (before != state) {
            log.debug("{}: {} in {} -> {}", name, event.abbreviation(), before, state);
        }
    }

    private State illegal(Event event) {
        log.debug("{}: event {} cannot happen in state {} (RFC 1661 §4.1 '-'); ignored", name, event, state);
        return state;
    }

    /** irc: Max-Configure before scr, Max-Terminate before str (RFC 1661 §4.4). */
    private void initializeRestartCount(int transmissions) {
        restartCount = transmissions;
    }

    /** zrc: the counter to zero, and the timer started so the automaton pauses before its final state. */
    private void zeroRestartCount() {
        restartCount = 0;
        restartTimer.start();
    }

    /** scr: each transmission uses one count and restarts the timer (RFC 1661 §4.6). */
    private void sendConfigureRequest() {
        restartCount--;
        restartTimer.start();
        actions.sendConfigureRequest();
    }

    /** str */
    private void sendTerminateRequest() {
        restartCount--;
        restartTimer.start();
        actions.sendTerminateRequest();
    }
}
