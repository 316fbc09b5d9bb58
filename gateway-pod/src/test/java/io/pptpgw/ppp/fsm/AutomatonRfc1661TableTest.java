package io.pptpgw.ppp.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.PppSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 1661 §4.1, the state transition table, cell by cell: {@code state, event, actions, next state} in the RFC's
 * abbreviations, transcribed from the RFC's printed table (not from the code). {@code -, -} marks the RFC's '-'
 * cells, which must change nothing; an empty action list is a cell with only a state number. irc and zrc are checked
 * on the restart counter, the other actions on a recording fake, in the RFC's order. The optional 'r', 'p' and 'x'
 * behaviours are not taken, so those cells read as their plain transitions.
 */
class AutomatonRfc1661TableTest {
    /** How each state is reached from Initial with ordinary events. */
    private static final Map<State, List<Event>> PATHS = new EnumMap<>(Map.of(
            State.INITIAL, List.of(),
            State.STARTING, List.of(Event.OPEN),
            State.CLOSED, List.of(Event.UP),
            State.STOPPED, List.of(Event.OPEN, Event.UP, Event.TIMEOUT_GIVE_UP),
            State.CLOSING, List.of(Event.OPEN, Event.UP, Event.CLOSE),
            State.STOPPING,
                    List.of(
                            Event.OPEN,
                            Event.UP,
                            Event.RECEIVE_GOOD_CONFIGURE_REQUEST,
                            Event.RECEIVE_CONFIGURE_ACK,
                            Event.RECEIVE_TERMINATE_REQUEST),
            State.REQ_SENT, List.of(Event.OPEN, Event.UP),
            State.ACK_RCVD, List.of(Event.OPEN, Event.UP, Event.RECEIVE_CONFIGURE_ACK),
            State.ACK_SENT, List.of(Event.OPEN, Event.UP, Event.RECEIVE_GOOD_CONFIGURE_REQUEST),
            State.OPENED,
                    List.of(Event.OPEN, Event.UP, Event.RECEIVE_GOOD_CONFIGURE_REQUEST, Event.RECEIVE_CONFIGURE_ACK)));

    @ParameterizedTest(name = "{0} {1}: {2}/{3}")
    @CsvSource({
        "INITIAL, Up, , CLOSED",
        "STARTING, Up, 'irc,scr', REQ_SENT",
        "CLOSED, Up, -, -",
        "STOPPED, Up, -, -",
        "CLOSING, Up, -, -",
        "STOPPING, Up, -, -",
        "REQ_SENT, Up, -, -",
        "ACK_RCVD, Up, -, -",
        "ACK_SENT, Up, -, -",
        "OPENED, Up, -, -",
        "INITIAL, Down, -, -",
        "STARTING, Down, -, -",
        "CLOSED, Down, , INITIAL",
        "STOPPED, Down, tls, STARTING",
        "CLOSING, Down, , INITIAL",
        "STOPPING, Down, , STARTING",
        "REQ_SENT, Down, , STARTING",
        "ACK_RCVD, Down, , STARTING",
        "ACK_SENT, Down, , STARTING",
        "OPENED, Down, tld, STARTING",
        "INITIAL, Open, tls, STARTING",
        "STARTING, Open, , STARTING",
        "CLOSED, Open, 'irc,scr', REQ_SENT",
        "STOPPED, Open, , STOPPED",
        "CLOSING, Open, , STOPPING",
        "STOPPING, Open, , STOPPING",
        "REQ_SENT, Open, , REQ_SENT",
        "ACK_RCVD, Open, , ACK_RCVD",
        "ACK_SENT, Open, , ACK_SENT",
        "OPENED, Open, , OPENED",
        "INITIAL, Close, , INITIAL",
        "STARTING, Close, tlf, INITIAL",
        "CLOSED, Close, , CLOSED",
        "STOPPED, Close, , CLOSED",
        "CLOSING, Close, , CLOSING",
        "STOPPING, Close, , CLOSING",
        "REQ_SENT, Close, 'irc,str', CLOSING",
        "ACK_RCVD, Close, 'irc,str', CLOSING",
        "ACK_SENT, Close, 'irc,str', CLOSING",
        "OPENED, Close, 'tld,irc,str', CLOSING",
        "INITIAL, TO+, -, -",
        "STARTING, TO+, -, -",
        "CLOSED, TO+, -, -",
        "STOPPED, TO+, -, -",
        "CLOSING, TO+, str, CLOSING",
        "STOPPING, TO+, str, STOPPING",
        "REQ_SENT, TO+, scr, REQ_SENT",
        "ACK_RCVD, TO+, scr, REQ_SENT",
        "ACK_SENT, TO+, scr, ACK_SENT",
        "OPENED, TO+, -, -",
        "INITIAL, TO-, -, -",
        "STARTING, TO-, -, -",
        "CLOSED, TO-, -, -",
        "STOPPED, TO-, -, -",
        "CLOSING, TO-, tlf, CLOSED",
        "STOPPING, TO-, tlf, STOPPED",
        "REQ_SENT, TO-, tlf, STOPPED",
        "ACK_RCVD, TO-, tlf, STOPPED",
        "ACK_SENT, TO-, tlf, STOPPED",
        "OPENED, TO-, -, -",
        "INITIAL, RCR+, -, -",
        "STARTING, RCR+, -, -",
        "CLOSED, RCR+, sta, CLOSED",
        "STOPPED, RCR+, 'irc,scr,sca', ACK_SENT",
        "CLOSING, RCR+, , CLOSING",
        "STOPPING, RCR+, , STOPPING",
        "REQ_SENT, RCR+, sca, ACK_SENT",
        "ACK_RCVD, RCR+, 'sca,tlu', OPENED",
        "ACK_SENT, RCR+, sca, ACK_SENT",
        "OPENED, RCR+, 'tld,scr,sca', ACK_SENT",
        "INITIAL, RCR-, -, -",
        "STARTING, RCR-, -, -",
        "CLOSED, RCR-, sta, CLOSED",
        "STOPPED, RCR-, 'irc,scr,scn', REQ_SENT",
        "CLOSING, RCR-, , CLOSING",
        "STOPPING, RCR-, , STOPPING",
        "REQ_SENT, RCR-, scn, REQ_SENT",
        "ACK_RCVD, RCR-, scn, ACK_RCVD",
        "ACK_SENT, RCR-, scn, REQ_SENT",
        "OPENED, RCR-, 'tld,scr,scn', REQ_SENT",
        "INITIAL, RCA, -, -",
        "STARTING, RCA, -, -",
        "CLOSED, RCA, sta, CLOSED",
        "STOPPED, RCA, sta, STOPPED",
        "CLOSING, RCA, , CLOSING",
        "STOPPING, RCA, , STOPPING",
        "REQ_SENT, RCA, irc, ACK_RCVD",
        "ACK_RCVD, RCA, scr, REQ_SENT",
        "ACK_SENT, RCA, 'irc,tlu', OPENED",
        "OPENED, RCA, 'tld,scr', REQ_SENT",
        "INITIAL, RCN, -, -",
        "STARTING, RCN, -, -",
        "CLOSED, RCN, sta, CLOSED",
        "STOPPED, RCN, sta, STOPPED",
        "CLOSING, RCN, , CLOSING",
        "STOPPING, RCN, , STOPPING",
        "REQ_SENT, RCN, 'irc,scr', REQ_SENT",
        "ACK_RCVD, RCN, scr, REQ_SENT",
        "ACK_SENT, RCN, 'irc,scr', ACK_SENT",
        "OPENED, RCN, 'tld,scr', REQ_SENT",
        "INITIAL, RTR, -, -",
        "STARTING, RTR, -, -",
        "CLOSED, RTR, sta, CLOSED",
        "STOPPED, RTR, sta, STOPPED",
        "CLOSING, RTR, sta, CLOSING",
        "STOPPING, RTR, sta, STOPPING",
        "REQ_SENT, RTR, sta, REQ_SENT",
        "ACK_RCVD, RTR, sta, REQ_SENT",
        "ACK_SENT, RTR, sta, REQ_SENT",
        "OPENED, RTR, 'tld,zrc,sta', STOPPING",
        "INITIAL, RTA, -, -",
        "STARTING, RTA, -, -",
        "CLOSED, RTA, , CLOSED",
        "STOPPED, RTA, , STOPPED",
        "CLOSING, RTA, tlf, CLOSED",
        "STOPPING, RTA, tlf, STOPPED",
        "REQ_SENT, RTA, , REQ_SENT",
        "ACK_RCVD, RTA, , REQ_SENT",
        "ACK_SENT, RTA, , ACK_SENT",
        "OPENED, RTA, 'tld,scr', REQ_SENT",
        "INITIAL, RUC, -, -",
        "STARTING, RUC, -, -",
        "CLOSED, RUC, scj, CLOSED",
        "STOPPED, RUC, scj, STOPPED",
        "CLOSING, RUC, scj, CLOSING",
        "STOPPING, RUC, scj, STOPPING",
        "REQ_SENT, RUC, scj, REQ_SENT",
        "ACK_RCVD, RUC, scj, ACK_RCVD",
        "ACK_SENT, RUC, scj, ACK_SENT",
        "OPENED, RUC, scj, OPENED",
        "INITIAL, RXJ+, -, -",
        "STARTING, RXJ+, -, -",
        "CLOSED, RXJ+, , CLOSED",
        "STOPPED, RXJ+, , STOPPED",
        "CLOSING, RXJ+, , CLOSING",
        "STOPPING, RXJ+, , STOPPING",
        "REQ_SENT, RXJ+, , REQ_SENT",
        "ACK_RCVD, RXJ+, , REQ_SENT",
        "ACK_SENT, RXJ+, , ACK_SENT",
        "OPENED, RXJ+, , OPENED",
        "INITIAL, RXJ-, -, -",
        "STARTING, RXJ-, -, -",
        "CLOSED, RXJ-, tlf, CLOSED",
        "STOPPED, RXJ-, tlf, STOPPED",
        "CLOSING, RXJ-, tlf, CLOSED",
        "STOPPING, RXJ-, tlf, STOPPED",
        "REQ_SENT, RXJ-, tlf, STOPPED",
        "ACK_RCVD, RXJ-, tlf, STOPPED",
        "ACK_SENT, RXJ-, tlf, STOPPED",
        "OPENED, RXJ-, 'tld,irc,str', STOPPING",
        "INITIAL, RXR, -, -",
        "STARTING, RXR, -, -",
        "CLOSED, RXR, , CLOSED",
        "STOPPED, RXR, , STOPPED",
        "CLOSING, RXR, , CLOSING",
        "STOPPING, RXR, , STOPPING",
        "REQ_SENT, RXR, , REQ_SENT",
        "ACK_RCVD, RXR, , ACK_RCVD",
        "ACK_SENT, RXR, , ACK_SENT",
        "OPENED, RXR, ser, OPENED"
    })
    void everyCellOfTheTable(String stateName, String eventName, String cellActions, String nextName) {
        State state = State.valueOf(stateName);
        Event event = Event.fromAbbreviation(eventName).orElseThrow();
        Fixture fixture = new Fixture();
        PATHS.get(state).forEach(fixture.automaton::fire);
        assertThat(fixture.automaton.state()).as("path to %s", state).isEqualTo(state);
        fixture.actions.clear();
        int countBefore = fixture.automaton.restartCount();

        fixture.automaton.fire(event);

        if ("-".equals(cellActions)) {
            assertThat(fixture.automaton.state()).as("'-' cell keeps the state").isEqualTo(state);
            assertThat(fixture.actions).as("'-' cell acts not").isEmpty();
            assertThat(fixture.automaton.restartCount()).isEqualTo(countBefore);
            return;
        }
        List<String> expected = cellActions == null ? List.of() : Arrays.asList(cellActions.split(","));
        assertThat(fixture.automaton.state()).isEqualTo(State.valueOf(nextName));
        assertThat(fixture.actions)
                .as("actions other than irc and zrc")
                .containsExactlyElementsOf(expected.stream()
                        .filter(a -> !a.equals("irc") && !a.equals("zrc"))
                        .toList());
        assertThat(fixture.automaton.restartCount())
                .as("restart counter after %s", expected)
                .isEqualTo(expectedRestartCount(expected, countBefore));
    }

    /** The table above has one row for each of the 160 cells. */
    @Test
    void theTableCoversAllSixteenEventsInAllTenStates() throws NoSuchMethodException {
        CsvSource table = getClass()
                .getDeclaredMethod("everyCellOfTheTable", String.class, String.class, String.class, String.class)
                .getAnnotation(CsvSource.class);
        Set<String> cells = new HashSet<>();
        for (String row : table.value()) {
            String[] columns = row.split(",\\s*");
            cells.add(State.valueOf(columns[0]) + "/"
                    + Event.fromAbbreviation(columns[1]).orElseThrow());
        }
        assertThat(table.value()).hasSize(State.values().length * Event.values().length);
        assertThat(cells).hasSize(State.values().length * Event.values().length);
    }

    @Test
    void timeoutChoosesRetryWhileTransmissionsAreLeftAndGivesUpAfterMaxConfigure() {
        Fixture fixture = new Fixture();
        fixture.automaton.open();
        fixture.automaton.up();
        for (int retry = 1; retry < PppSpec.MAX_CONFIGURE; retry++) {
            fixture.automaton.timeout();
            assertThat(fixture.automaton.state()).isEqualTo(State.REQ_SENT);
        }
        assertThat(fixture.actions.stream().filter("scr"::equals)).hasSize(PppSpec.MAX_CONFIGURE);
        fixture.automaton.timeout();
        assertThat(fixture.automaton.state()).isEqualTo(State.STOPPED);
        assertThat(fixture.actions).endsWith("tlf");
    }

    @Test
    void terminateIsSentMaxTerminateTimesBeforeGivingUp() {
        Fixture fixture = new Fixture();
        PATHS.get(State.OPENED).forEach(fixture.automaton::fire);
        fixture.automaton.close();
        fixture.automaton.timeout();
        fixture.automaton.timeout();
        assertThat(fixture.actions.stream().filter("str"::equals)).hasSize(PppSpec.MAX_TERMINATE);
        assertThat(fixture.automaton.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void theRestartTimerRunsExactlyInTheStatesThatAwaitAnAnswer() {
        Fixture fixture = new Fixture();
        PATHS.get(State.OPENED).forEach(event -> {
            fixture.automaton.fire(event);
            assertThat(fixture.timerRunning)
                    .as("timer in %s", fixture.automaton.state())
                    .isEqualTo(fixture.automaton.state().restartTimerRuns());
        });
        fixture.automaton.receiveTerminateRequest();
        assertThat(fixture.timerRunning).as("zrc starts the timer in Stopping").isTrue();
        fixture.automaton.timeout();
        assertThat(fixture.automaton.state()).isEqualTo(State.STOPPED);
        assertThat(fixture.timerRunning).isFalse();
    }

    private static int expectedRestartCount(List<String> actions, int before) {
        int transmissions = (int)
                actions.stream().filter(a -> a.equals("scr") || a.equals("str")).count();
        if (actions.contains("zrc")) {
            return 0;
        }
        if (actions.contains("irc")) {
            int maximum = actions.contains("str") ? PppSpec.MAX_TERMINATE : PppSpec.MAX_CONFIGURE;
            return maximum - transmissions;
        }
        return before - transmissions;
    }

    /** An automaton wired to a fake that records each action by its RFC abbreviation. */
    private static final class Fixture implements Actions, RestartTimer {
        final List<String> actions = new ArrayList<>();
        final Automaton automaton = new Automaton("test", this, this);
        boolean timerRunning;

        @Override
        public void start() {
            timerRunning = true;
        }

        @Override
        public void stop() {
            timerRunning = false;
        }

        @Override
        public void thisLayerUp() {
            actions.add("tlu");
        }

        @Override
        public void thisLayerDown() {
            actions.add("tld");
        }

        @Override
        public void thisLayerStarted() {
            actions.add("tls");
        }

        @Override
        public void thisLayerFinished() {
            actions.add("tlf");
        }

        @Override
        public void sendConfigureRequest() {
            actions.add("scr");
        }

        @Override
        public void sendConfigureAck() {
            actions.add("sca");
        }

        @Override
        public void sendConfigureNak() {
            actions.add("scn");
        }

        @Override
        public void sendTerminateRequest() {
            actions.add("str");
        }

        @Override
        public void sendTerminateAck() {
            actions.add("sta");
        }

        @Override
        public void sendCodeReject() {
            actions.add("scj");
        }

        @Override
        public void sendEchoReply() {
            actions.add("ser");
        }
    }
}
