package io.pptpgw.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.testing.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 2759 §9.2 (user "User", password "clientPass") and §9.3 (DES key generation for "MyPw"), byte for byte. */
class MsChapV2MathRfc2759Test {
    static final byte[] USER_NAME = Hex.bytes("55 73 65 72");
    static final String PASSWORD = "clientPass";
    static final byte[] AUTHENTICATOR_CHALLENGE = Hex.bytes("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
    static final byte[] PEER_CHALLENGE = Hex.bytes("21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E");
    static final byte[] CHALLENGE = Hex.bytes("D0 2E 43 86 BC E9 12 26");
    static final byte[] PASSWORD_HASH = Hex.bytes("44 EB BA 8D 53 12 B8 D6 11 47 44 11 F5 69 89 AE");
    static final byte[] NT_RESPONSE =
            Hex.bytes("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");
    static final byte[] PASSWORD_HASH_HASH = Hex.bytes("41 C0 0C 58 4B D2 D9 1C 40 17 A2 A1 2F A5 9F 3F");
    static final String AUTHENTICATOR_RESPONSE = "S=407A5589115FD0D6209F510FE9C04566932CDA56";

    @Test
    void section9_2UnicodePasswordIsUtf16LittleEndian() {
        assertThat(PASSWORD.getBytes(StandardCharsets.UTF_16LE))
                .isEqualTo(Hex.bytes("63 00 6C 00 69 00 65 00 6E 00 74 00 50 00 61 00 73 00 73 00"));
    }

    @Test
    void section9_2ChallengeHash() {
        assertThat(MsChapV2Math.challengeHash(PEER_CHALLENGE, AUTHENTICATOR_CHALLENGE, USER_NAME))
                .isEqualTo(CHALLENGE);
    }

    @Test
    void section9_2NtPasswordHashAndItsHash() {
        assertThat(MsChapV2Math.ntPasswordHash(PASSWORD)).isEqualTo(PASSWORD_HASH);
        assertThat(MsChapV2Math.hashNtPasswordHash(PASSWORD_HASH)).isEqualTo(PASSWORD_HASH_HASH);
    }

    @Test
    void section9_2NtResponse() {
        assertThat(MsChapV2Math.challengeResponse(CHALLENGE, PASSWORD_HASH)).isEqualTo(NT_RESPONSE);
        assertThat(MsChapV2Math.generateNtResponse(AUTHENTICATOR_CHALLENGE, PEER_CHALLENGE, USER_NAME, PASSWORD_HASH))
                .isEqualTo(NT_RESPONSE);
    }

    @Test
    void section9_2AuthenticatorResponse() {
        assertThat(MsChapV2Math.generateAuthenticatorResponse(
                        PASSWORD_HASH, NT_RESPONSE, PEER_CHALLENGE, AUTHENTICATOR_CHALLENGE, USER_NAME))
                .isEqualTo(AUTHENTICATOR_RESPONSE);
    }

    @Test
    void checkAuthenticatorResponseAcceptsTheRightStringInEitherCaseAndNothingElse() {
        assertThat(check(AUTHENTICATOR_RESPONSE)).isTrue();
        assertThat(check(AUTHENTICATOR_RESPONSE.toLowerCase(java.util.Locale.ROOT)))
                .isTrue();
        assertThat(check("S=407A5589115FD0D6209F510FE9C04566932CDA57")).isFalse();
        assertThat(check("S=407A5589115FD0D6209F510FE9C04566932CDA5")).isFalse();
        assertThat(check("")).isFalse();
    }

    private static boolean check(String received) {
        return MsChapV2Math.checkAuthenticatorResponse(
                PASSWORD_HASH, NT_RESPONSE, PEER_CHALLENGE, AUTHENTICATOR_CHALLENGE, USER_NAME, received);
    }

    @Test
    void section8_2DomainPrefixIsLeftOutOfTheChallengeHash() {
        byte[] withDomain = "OFFICE\\User".getBytes(StandardCharsets.US_ASCII);
        assertThat(MsChapV2Math.challengeHash(PEER_CHALLENGE, AUTHENTICATOR_CHALLENGE, withDomain))
                .isEqualTo(CHALLENGE);
        assertThat(MsChapV2Math.generateAuthenticatorResponse(
                        PASSWORD_HASH, NT_RESPONSE, PEER_CHALLENGE, AUTHENTICATOR_CHALLENGE, withDomain))
                .isEqualTo(AUTHENTICATOR_RESPONSE);
        assertThat(MsChapV2Math.userNameWithoutDomain("A\\B\\User".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(USER_NAME);
    }

    @Test
    void section9_3DesKeyGenerationForMyPw() {
        byte[] passwordHash = MsChapV2Math.ntPasswordHash("MyPw");
        assertThat(passwordHash).isEqualTo(Hex.bytes("FC 15 6A F7 ED CD 6C 0E DD E3 33 7D 42 7F 4E AC"));
        assertThat(DesKeys.expand(passwordHash, 0)).isEqualTo(Hex.bytes("FD 0B 5B 5E 7F 6E 34 D9"));
        assertThat(DesKeys.expand(passwordHash, 7)).isEqualTo(Hex.bytes("0E 6E 79 67 37 EA 08 FE"));
    }

    @Test
    void everyExpandedKeyOctetHasOddParity() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(2759);
        for (int round = 0; round < 1000; round++) {
            byte[] raw = new byte[7];
            random.nextBytes(raw);
            for (byte octet : DesKeys.expand(raw, 0)) {
                assertThat(Integer.bitCount(octet & 0xFF) % 2)
                        .as("seed 2759 round %d", round)
                        .isEqualTo(1);
            }
        }
    }
}
