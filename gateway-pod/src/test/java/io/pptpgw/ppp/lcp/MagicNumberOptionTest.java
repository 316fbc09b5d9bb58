package io.pptpgw.ppp.lcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ManualScheduler;
import io.pptpgw.ppp.fsm.State;
import io.pptpgw.ppp.option.Verdict;
import io.pptpgw.testing.Hex;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Magic-Number and loopback detection, RFC 1661 §6.4. */
class MagicNumberOptionTest {
    private int loops;
    private final MagicNumberOption magic =
            new MagicNumberOption(new Sequence(0x11111111, 0x22222222, 0x33333333, 0x44444444), () -> loops++);

    @Test
    void acknowledgesADifferentNumber() {
        assertThat(magic.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("11111111")));
        assertThat(magic.review(Hex.bytes("5e1f2a33"))).isEqualTo(Verdict.ACK);
    }

    @Test
    void naksZeroAndOurOwnNumberWithADifferentOne() {
        assertThat(magic.review(Hex.bytes("00000000"))).isEqualTo(Verdict.nak(Hex.bytes("22222222")));
        assertThat(magic.review(Hex.bytes("11111111"))).isEqualTo(Verdict.nak(Hex.bytes("33333333")));
        assertThat(magic.review(Hex.bytes("1111"))).as("wrong length").isEqualTo(Verdict.REJECT);
    }

    @Test
    void aNakMakesUsChooseANewNumberUnlikeTheSuggestion() {
        magic.naked(Hex.bytes("22222222"));
        assertThat(magic.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("33333333")));
        assertThat(loops).isZero();
    }

    @Test
    void whenRejectedWeUseZero() {
        magic.acked(Hex.bytes("11111111"));
        assertThat(magic.agreed()).isEqualTo(0x11111111);
        magic.rejected();
        assertThat(magic.agreed()).isZero();
        assertThat(magic.request()).isEmpty();
    }

    @Test
    void aLinkThatLoopsLcpBackToItselfIsDetectedBeforeItOpens() {
        RecordingLcpEvents events = new RecordingLcpEvents();
        ArrayDeque<ControlPacket> wire = new ArrayDeque<>();
        Lcp lcp = new Lcp(
                false,
                LcpSettings.defaults().withMagicNumbers(new SplittableRandom(7)).withEcho(Duration.ZERO, 1),
                (protocol, packet) -> wire.add(packet),
                new ManualScheduler(),
                events);
        lcp.control().open();
        lcp.control().up();
        for (int i = 0; i < 100 && !wire.isEmpty() && !events.events.contains("loopedBack"); i++) {
            lcp.control().receive(wire.poll());
        }
        assertThat(events.events).contains("loopedBack").doesNotContain("tlu");
        assertThat(lcp.control().state()).isNotEqualTo(State.OPENED);
    }
}
