package io.pptpgw.ppp.lcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ManualScheduler;
import io.pptpgw.ppp.RecordingSink;
import io.pptpgw.ppp.fsm.State;
import io.pptpgw.testing.Hex;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Dead-peer detection with LCP Echo-Request (RFC 1661 §5.8) on a clock moved by hand. */
class LcpEchoTest {
    private final RecordingSink sink = new RecordingSink();
    private final ManualScheduler clock = new ManualScheduler();
    private final RecordingLcpEvents events = new RecordingLcpEvents();
    private final Lcp lcp = new Lcp(
            false,
            LcpSettings.defaults()
                    .withMagicNumbers(new Sequence(0x11111111, 0x22222222))
                    .withEcho(Duration.ofSeconds(10), 3),
            sink,
            clock,
            events);

    @Test
    void noEchoBeforeLcpIsOpened() {
        lcp.control().open();
        lcp.control().up();
        sink.clear();
        clock.advance(Duration.ofSeconds(2));
        assertThat(sink.packets(0xC021)).extracting(ControlPacket::code).doesNotContain(9);
    }

    @Test
    void anEchoRequestEveryIntervalCarriesOurMagicAndItsReplyGivesTheRoundTripTime() {
        open();
        clock.advance(Duration.ofSeconds(10));
        ControlPacket request = sink.last();
        assertThat(request.code()).isEqualTo(Code.ECHO_REQUEST.number());
        assertThat(request.data()).isEqualTo(Hex.bytes("11111111"));

        clock.advance(Duration.ofMillis(150));
        lcp.control().receive(new ControlPacket(Code.ECHO_REPLY.number(), request.identifier(), Hex.bytes("5e1f2a33")));
        assertThat(events.events).contains("rtt 150ms");
    }

    @Test
    void thePeerIsDeadAfterThreeUnansweredRequestsAndNotBefore() {
        open();
        clock.advance(Duration.ofSeconds(39));
        assertThat(events.events).doesNotContain("peerNotResponding 3");
        assertThat(sink.packets(0xC021).stream().filter(p -> p.code() == Code.ECHO_REQUEST.number()))
                .hasSize(3);
        clock.advance(Duration.ofSeconds(1));
        assertThat(events.events).contains("peerNotResponding 3");
        assertThat(clock.pendingTasks()).as("no more echoes once declared dead").isZero();
    }

    @Test
    void anyReplyClearsTheFailures() {
        open();
        clock.advance(Duration.ofSeconds(30));
        ControlPacket last = sink.last();
        lcp.control().receive(new ControlPacket(Code.ECHO_REPLY.number(), last.identifier(), Hex.bytes("5e1f2a33")));
        clock.advance(Duration.ofSeconds(30));
        assertThat(events.events).doesNotContain("peerNotResponding 3");
        clock.advance(Duration.ofSeconds(10));
        assertThat(events.events).contains("peerNotResponding 3");
    }

    @Test
    void leavingOpenedStopsTheEchoes() {
        open();
        lcp.control().receive(new ControlPacket(Code.TERMINATE_REQUEST.number(), 9, new byte[0]));
        assertThat(lcp.control().state()).isEqualTo(State.STOPPING);
        sink.clear();
        clock.advance(Duration.ofMinutes(2));
        assertThat(sink.sent).extracting(s -> s.packet().code()).doesNotContain(Code.ECHO_REQUEST.number());
    }

    private void open() {
        lcp.control().open();
        lcp.control().up();
        ControlPacket ours = sink.last();
        lcp.control().receive(new ControlPacket(Code.CONFIGURE_REQUEST.number(), 1, Hex.bytes("0506 5e1f2a33")));
        lcp.control().receive(new ControlPacket(Code.CONFIGURE_ACK.number(), ours.identifier(), ours.data()));
        assertThat(lcp.control().state()).isEqualTo(State.OPENED);
        sink.clear();
    }
}
