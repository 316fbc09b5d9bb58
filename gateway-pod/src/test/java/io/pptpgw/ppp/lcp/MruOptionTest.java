package io.pptpgw.ppp.lcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.option.Verdict;
import io.pptpgw.testing.Hex;
import org.junit.jupiter.api.Test;

/** Maximum-Receive-Unit, RFC 1661 §6.1. */
class MruOptionTest {
    @Test
    void asksForAConfiguredMruAndLeavesTheDefaultUnsaid() {
        assertThat(new MruOption(1400).request())
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("0578")));
        assertThat(new MruOption(1500).request()).isEmpty();
    }

    @Test
    void acceptsAPeerMruFrom128AndNaksSmallerOnesTo128() {
        MruOption mru = new MruOption(1400);
        assertThat(mru.review(Hex.bytes("0578"))).isEqualTo(Verdict.ACK);
        assertThat(mru.review(Hex.bytes("0080"))).isEqualTo(Verdict.ACK);
        assertThat(mru.review(Hex.bytes("0040"))).isEqualTo(Verdict.nak(Hex.bytes("0080")));
        assertThat(mru.review(Hex.bytes("05"))).as("wrong length").isEqualTo(Verdict.REJECT);
    }

    @Test
    void learnsBothDirectionsAndFallsBackTo1500() {
        MruOption mru = new MruOption(1400);
        assertThat(mru.peerMru()).isEqualTo(1500);
        mru.peerAcked(Hex.bytes("0578"));
        mru.acked(Hex.bytes("0578"));
        assertThat(mru.peerMru()).isEqualTo(1400);
        assertThat(mru.localMru()).isEqualTo(1400);
        mru.peerAbsent();
        mru.rejected();
        assertThat(mru.peerMru()).isEqualTo(1500);
        assertThat(mru.localMru()).isEqualTo(1500);
        assertThat(mru.request()).isEmpty();
    }

    @Test
    void takesASmallerSuggestionButNotALargerOne() {
        MruOption mru = new MruOption(1400);
        mru.naked(Hex.bytes("05dc"));
        assertThat(mru.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("0578")));
        mru.naked(Hex.bytes("0500"));
        assertThat(mru.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("0500")));
        assertThat(mru.describe(Hex.bytes("0578"))).isEqualTo("mru 1400");
    }
}
