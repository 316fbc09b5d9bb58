package io.pptpgw.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.testing.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/**
 * RFC 1994 §4.1 defines the Response Value as MD5(Identifier || secret || Challenge Value) and prints no vector; the
 * expected values here are computed from that definition with the JDK's MD5, independently of our implementation.
 */
class ChapDigestRfc1994Test {
    @Test
    void responseIsMd5OfIdentifierSecretAndChallenge() throws Exception {
        byte[] secret = "secret".getBytes(StandardCharsets.US_ASCII);
        byte[] challenge = Hex.bytes("00112233445566778899aabbccddeeff");
        for (int identifier : new int[] {0, 1, 0x7F, 0x80, 0xFF}) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) identifier);
            md5.update(secret);
            md5.update(challenge);
            assertThat(ChapDigest.md5(identifier, secret, challenge))
                    .as("identifier %d", identifier)
                    .isEqualTo(md5.digest());
        }
    }

    @Test
    void knownValueForEmptySecretAndChallenge() {
        // MD5 of the single octet 0x00
        assertThat(ChapDigest.md5(0, new byte[0], new byte[0]))
                .isEqualTo(Hex.bytes("93b885adfe0da089cdf634904fd59f71"));
    }
}
