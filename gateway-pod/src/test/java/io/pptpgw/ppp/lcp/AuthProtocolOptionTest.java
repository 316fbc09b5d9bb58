package io.pptpgw.ppp.lcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.option.Verdict;
import io.pptpgw.testing.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Authentication-Protocol, RFC 1661 §6.2, with CHAP's algorithm octet (RFC 1994 §3, RFC 2759 §2). */
class AuthProtocolOptionTest {
    private static final byte[] MSCHAP_V2 = Hex.bytes("c223 81");
    private static final byte[] CHAP_MD5 = Hex.bytes("c223 05");
    private static final byte[] PAP = Hex.bytes("c023");

    @Test
    void parsesTheThreeMethodsAndNothingElse() {
        assertThat(AuthProtocolOption.parse(MSCHAP_V2)).contains(AuthProtocol.MSCHAP_V2);
        assertThat(AuthProtocolOption.parse(CHAP_MD5)).contains(AuthProtocol.CHAP_MD5);
        assertThat(AuthProtocolOption.parse(PAP)).contains(AuthProtocol.PAP);
        assertThat(AuthProtocolOption.parse(Hex.bytes("c223 80")))
                .as("MS-CHAPv1")
                .isEmpty();
        assertThat(AuthProtocolOption.parse(Hex.bytes("c227"))).as("EAP").isEmpty();
    }

    @Test
    void theAuthenticatorAsksInPreferenceOrderAndFollowsAKnownSuggestion() {
        AuthProtocolOption option = AuthProtocolOption.authenticator(
                List.of(AuthProtocol.MSCHAP_V2, AuthProtocol.CHAP_MD5, AuthProtocol.PAP));
        assertThat(option.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(MSCHAP_V2));
        option.naked(PAP);
        assertThat(option.request())
                .as("straight to the suggestion")
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(PAP));
        option.acked(PAP);
        assertThat(option.agreed()).contains(AuthProtocol.PAP);
    }

    @Test
    void theAuthenticatorMovesOnByOneOnAnUnknownSuggestionUntilNoneIsLeft() {
        AuthProtocolOption option =
                AuthProtocolOption.authenticator(List.of(AuthProtocol.MSCHAP_V2, AuthProtocol.CHAP_MD5));
        option.naked(Hex.bytes("c227"));
        assertThat(option.request()).hasValueSatisfying(v -> assertThat(v).isEqualTo(CHAP_MD5));
        option.naked(Hex.bytes("c227"));
        assertThat(option.request()).isEmpty();
        assertThat(option.refusal())
                .hasValueSatisfying(r -> assertThat(r)
                        .startsWith("peer supports none of our authentication methods [MSCHAP_V2, CHAP_MD5]"));
        assertThat(option.agreed()).isEmpty();
    }

    @Test
    void theAuthenticatorNeverLetsThePeerAuthenticateIt() {
        AuthProtocolOption option = AuthProtocolOption.authenticator(List.of(AuthProtocol.MSCHAP_V2));
        assertThat(option.review(MSCHAP_V2)).isEqualTo(Verdict.REJECT);
        option.rejected();
        assertThat(option.request()).isEmpty();
        assertThat(option.refusal()).isPresent();
    }

    @Test
    void theAuthenticateeAcceptsWhatItSupportsAndNaksTheRestWithItsFavourite() {
        AuthProtocolOption option =
                AuthProtocolOption.authenticatee(List.of(AuthProtocol.MSCHAP_V2, AuthProtocol.CHAP_MD5));
        assertThat(option.request()).isEmpty();
        assertThat(option.review(CHAP_MD5)).isEqualTo(Verdict.ACK);
        assertThat(option.review(PAP)).isEqualTo(Verdict.nak(MSCHAP_V2));
        option.peerAcked(CHAP_MD5);
        assertThat(option.agreed()).contains(AuthProtocol.CHAP_MD5);
        option.peerAbsent();
        assertThat(option.agreed()).isEmpty();
        assertThat(option.describe(MSCHAP_V2)).isEqualTo("auth chap MS-v2");
    }
}
