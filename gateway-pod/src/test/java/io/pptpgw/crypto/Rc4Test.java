package io.pptpgw.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.testing.Hex;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Rc4Test {
    @ParameterizedTest(name = "RC4({0}, {1})")
    @CsvSource({
        // The classic published examples of RC4.
        "Key, Plaintext, BBF316E8D940AF0AD3",
        "Wiki, pedia, 1021BF0420",
        "Secret, Attack at dawn, 45A01F645FC35B383552544B9BF5"
    })
    void publishedVectors(String key, String plaintext, String ciphertext) {
        Rc4 rc4 = new Rc4();
        rc4.setKey(key.getBytes(StandardCharsets.US_ASCII));
        byte[] data = plaintext.getBytes(StandardCharsets.US_ASCII);
        rc4.process(data, 0, data.length);
        assertThat(data).isEqualTo(Hex.bytes(ciphertext));
    }

    @Test
    void rfc6229FortyBitKeyFirstThirtyTwoOctets() {
        Rc4 rc4 = new Rc4();
        rc4.setKey(Hex.bytes("0102030405"));
        byte[] keyStream = new byte[32];
        rc4.process(keyStream, 0, keyStream.length);
        assertThat(keyStream).isEqualTo(Hex.bytes("""
                        b2 39 63 05 f0 3d c0 27 cc c3 52 4a 0a 11 18 a8
                        69 82 94 4f 18 fc 82 d5 89 c4 03 a4 7a 0d 09 19"""));
    }

    /** Byte arrays, memory segments at odd offsets and lengths, and Bouncy Castle's RC4 all agree. */
    @Test
    void segmentAndArrayPathsMatchBouncyCastleOverSeededInputs() {
        long seed = 0x3078L;
        SplittableRandom random = new SplittableRandom(seed);
        Rc4 onArray = new Rc4();
        Rc4 onSegment = new Rc4();
        for (int round = 0; round < 500; round++) {
            byte[] key = new byte[1 + random.nextInt(32)];
            random.nextBytes(key);
            onArray.setKey(key);
            onSegment.setKey(key);
            RC4Engine reference = new RC4Engine();
            reference.init(true, new KeyParameter(key));
            for (int packet = 0; packet < 3; packet++) {
                byte[] plain = new byte[random.nextInt(100)];
                random.nextBytes(plain);
                int offset = random.nextInt(9);
                byte[] expected = new byte[plain.length];
                reference.processBytes(plain, 0, plain.length, expected, 0);

                byte[] array = plain.clone();
                onArray.process(array, 0, array.length);
                byte[] backing = new byte[offset + plain.length + 5];
                System.arraycopy(plain, 0, backing, offset, plain.length);
                onSegment.process(MemorySegment.ofArray(backing), offset, plain.length);

                String context = "seed " + seed + " round " + round + " packet " + packet;
                assertThat(array).as(context).isEqualTo(expected);
                assertThat(Arrays.copyOfRange(backing, offset, offset + plain.length))
                        .as(context)
                        .isEqualTo(expected);
                assertThat(Arrays.copyOfRange(backing, offset + plain.length, backing.length))
                        .as("%s: bytes after the range untouched", context)
                        .containsOnly(0);
            }
        }
    }

    @Test
    void setKeyResetsTheStream() {
        Rc4 rc4 = new Rc4();
        byte[] first = new byte[16];
        rc4.setKey(Hex.bytes("0102030405"));
        rc4.process(first, 0, 16);
        byte[] skipped = new byte[7];
        rc4.process(skipped, 0, 7);
        byte[] again = new byte[16];
        rc4.setKey(Hex.bytes("0102030405"));
        rc4.process(again, 0, 16);
        assertThat(again).isEqualTo(first);
    }
}
