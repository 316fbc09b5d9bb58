package io.pptpgw.ppp.ccp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.option.Verdict;
import io.pptpgw.testing.Hex;
import org.junit.jupiter.api.Test;

/** The MPPE option of RFC 3078 §2 under each encryption policy. */
class MppeOptionTest {
    private static final MppePolicy STRICT = MppePolicy.defaults();
    private static final MppePolicy LENIENT = new MppePolicy(MppePolicy.Encryption.REQUIRED, true, true);

    @Test
    void windowsOfferOfEverythingIsNakdDownToStateless128() {
        assertThat(new MppeOption(STRICT).review(Hex.bytes("010000e1"))) // +H +M +S +L +C
                .isEqualTo(Verdict.nak(Hex.bytes("01000040"))); // +H +S
        assertThat(new MppeOption(LENIENT).review(Hex.bytes("010000e1")))
                .as("the preferences hold even when more is allowed")
                .isEqualTo(Verdict.nak(Hex.bytes("01000040")));
    }

    @Test
    void stateless128IsAcknowledged() {
        assertThat(new MppeOption(STRICT).review(Hex.bytes("01000040"))).isEqualTo(Verdict.ACK);
    }

    @Test
    void statefulOnlyWhenAllowed() {
        assertThat(new MppeOption(STRICT).review(Hex.bytes("00000040"))).isEqualTo(Verdict.nak(Hex.bytes("01000040")));
        assertThat(new MppeOption(LENIENT).review(Hex.bytes("00000040"))).isEqualTo(Verdict.ACK);
    }

    @Test
    void fortyBitOnlyWhenAllowed() {
        assertThat(new MppeOption(STRICT).review(Hex.bytes("01000020"))).isEqualTo(Verdict.nak(Hex.bytes("01000040")));
        assertThat(new MppeOption(LENIENT).review(Hex.bytes("01000020"))).isEqualTo(Verdict.ACK);
    }

    @Test
    void mppcCompressionIsRefused() {
        assertThat(new MppeOption(LENIENT).review(Hex.bytes("01000041"))).isEqualTo(Verdict.nak(Hex.bytes("01000040")));
        assertThat(new MppeOption(LENIENT).review(Hex.bytes("00000001")))
                .as("MPPC alone: Nak'd to both keys we allow, for the peer to pick one")
                .isEqualTo(Verdict.nak(Hex.bytes("01000060")));
        assertThat(new MppeOption(STRICT).review(Hex.bytes("00000001")))
                .as("MPPC alone")
                .isEqualTo(Verdict.nak(Hex.bytes("01000040")));
    }

    @Test
    void fiftySixBitAndTheObsoleteDBitAreNeverAgreed() {
        assertThat(new MppeOption(LENIENT).review(Hex.bytes("01000080"))).isEqualTo(Verdict.nak(Hex.bytes("01000060")));
        assertThat(new MppeOption(STRICT).review(Hex.bytes("01000080"))).isEqualTo(Verdict.nak(Hex.bytes("01000040")));
        assertThat(new MppeOption(LENIENT).review(Hex.bytes("01000050"))).isEqualTo(Verdict.nak(Hex.bytes("01000040")));
        assertThat(new MppeOption(STRICT).review(Hex.bytes("0100")))
                .as("wrong length")
                .isEqualTo(Verdict.REJECT);
    }

    @Test
    void weAskForStateless128AndFollowASuggestionOnlyWithinThePolicy() {
        MppeOption strict = new MppeOption(STRICT);
        assertThat(strict.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000040")));
        strict.naked(Hex.bytes("00000020")); // stateful 40-bit
        assertThat(strict.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000040")));

        MppeOption lenient = new MppeOption(LENIENT);
        lenient.naked(Hex.bytes("00000020"));
        assertThat(lenient.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("00000020")));
        lenient.naked(Hex.bytes("010000e1"));
        assertThat(lenient.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000040")));
    }

    @Test
    void anOfferWithTheHBitStaysStatelessEvenWhenStatefulIsAllowed() {
        assertThat(new MppeOption(LENIENT).review(Hex.bytes("01000040"))).isEqualTo(Verdict.ACK);
    }

    @Test
    void aSidePreferringStatefulAsksForItAndNaksStatelessUntilThePeerRefusesIt() {
        MppeOption option = new MppeOption(STRICT.preferring(new MppeMode(MppeMode.KeyLength.BITS_128, false)));
        assertThat(option.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("00000040")));
        assertThat(option.review(Hex.bytes("01000040"))).isEqualTo(Verdict.nak(Hex.bytes("00000040")));

        option.naked(Hex.bytes("01000040")); // the peer will not do stateful
        assertThat(option.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000040")));
        assertThat(option.review(Hex.bytes("01000040"))).isEqualTo(Verdict.ACK);

        option.reset();
        assertThat(option.request())
                .as("a new negotiation asks again")
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("00000040")));
    }

    @Test
    void whereFortyBitIsAllowedWeOfferBothKeysAndTakeTheOneThePeerNaksUsTo() {
        MppeOption option = new MppeOption(LENIENT);
        assertThat(option.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000060")));

        option.naked(Hex.bytes("01000020")); // pppd with require-mppe-40: +H +L
        assertThat(option.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000020")));
        assertThat(option.review(Hex.bytes("01000020"))).isEqualTo(Verdict.ACK);
        option.acked(Hex.bytes("01000020"));
        assertThat(option.acknowledgedByPeer()).contains(new MppeMode(MppeMode.KeyLength.BITS_40, true));

        MppeOption toA128BitPeer = new MppeOption(LENIENT);
        toA128BitPeer.naked(Hex.bytes("01000040")); // pppd's require-mppe: the strongest of the two
        assertThat(toA128BitPeer.request())
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000040")));
    }

    @Test
    void withoutFortyBitOurRequestNamesOnly128() {
        assertThat(new MppeOption(STRICT).request())
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000040")));
        assertThat(new MppeOption(new MppePolicy(MppePolicy.Encryption.REQUIRED, true, false)).request())
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000040")));
    }

    @Test
    void aSidePreferring40BitAsksForItAndFollowsThePeerTo128() {
        MppeOption option = new MppeOption(STRICT.preferring(new MppeMode(MppeMode.KeyLength.BITS_40, true)));
        assertThat(option.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000020")));
        assertThat(option.review(Hex.bytes("010000e1"))).isEqualTo(Verdict.nak(Hex.bytes("01000020")));
        option.naked(Hex.bytes("01000040"));
        assertThat(option.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(Hex.bytes("01000040")));
        assertThat(option.review(Hex.bytes("01000040"))).isEqualTo(Verdict.ACK);
    }

    @Test
    void theAgreedModesAreReadFromTheBits() {
        MppeOption option = new MppeOption(LENIENT);
        option.acked(Hex.bytes("01000040"));
        option.peerAcked(Hex.bytes("00000020"));
        assertThat(option.acknowledgedByPeer()).contains(new MppeMode(MppeMode.KeyLength.BITS_128, true));
        assertThat(option.acknowledgedByUs()).contains(new MppeMode(MppeMode.KeyLength.BITS_40, false));
    }

    @Test
    void describesTheBitsLikePppd() {
        assertThat(new MppeOption(STRICT).describe(Hex.bytes("010000e1"))).isEqualTo("mppe +H +M +S +L -D +C");
    }
}
