package io.pptpgw.mppe;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.crypto.MsChapV2Math;
import io.pptpgw.crypto.Rc4;
import io.pptpgw.testing.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * RFC 3079 §3.5 sample key derivations, byte for byte. The samples use the RFC 2759 §9.2 exchange (user "User",
 * password "clientPass") and print the server's send direction (the client receives with the same key).
 */
class MppeKeysRfc3079Test {
    static final byte[] PASSWORD_HASH = Hex.bytes("44 EB BA 8D 53 12 B8 D6 11 47 44 11 F5 69 89 AE");
    static final byte[] PASSWORD_HASH_HASH = Hex.bytes("41 C0 0C 58 4B D2 D9 1C 40 17 A2 A1 2F A5 9F 3F");
    static final byte[] NT_RESPONSE =
            Hex.bytes("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");
    static final byte[] MASTER_KEY = Hex.bytes("FD EC E3 71 7A 8C 83 8C B3 88 E5 27 AE 3C DD 31");
    static final byte[] SEND_START_KEY_128 = Hex.bytes("8B 7C DC 14 9B 99 3A 1B A1 18 CB 15 3F 56 DC CB");
    static final byte[] TEST_MESSAGE = "test message".getBytes(StandardCharsets.US_ASCII);

    @Test
    void step1To3MasterKey() {
        assertThat(MsChapV2Math.hashNtPasswordHash(PASSWORD_HASH)).isEqualTo(PASSWORD_HASH_HASH);
        assertThat(MppeKeys.getMasterKey(PASSWORD_HASH_HASH, NT_RESPONSE)).isEqualTo(MASTER_KEY);
    }

    @Test
    void section3_5_1FortyBit() {
        byte[] startKey = MppeKeys.getAsymmetricStartKey(MASTER_KEY, 8, true, true);
        assertThat(startKey).isEqualTo(Hex.bytes("8B 7C DC 14 9B 99 3A 1B"));
        byte[] sessionKey = MppeKeys.initialSessionKey(SEND_START_KEY_128, KeyStrength.BITS_40);
        assertThat(sessionKey).isEqualTo(Hex.bytes("D1 26 9E C4 9F A6 2E 3E"));
        assertThat(rc4(sessionKey, TEST_MESSAGE)).isEqualTo(Hex.bytes("92 91 37 91 7E 58 03 D6 68 D7 58 98"));
    }

    /**
     * The RFC prints the §3.5.2 sample ciphertext as {@code 3F 10 68 33 FA 44 8D A8 42 BC 57 58}. RC4 of "test
     * message" under the printed SendSessionKey56 gives {@code ... 57 B8}, from our RC4 and from Bouncy Castle's
     * independent one alike, while the same computation reproduces the §3.5.1 and §3.5.3 ciphertexts exactly; the
     * printed last octet is therefore a misprint (58 for B8), and the recomputed value is asserted.
     */
    @Test
    void section3_5_2FiftySixBitWithTheMisprintedCiphertextRecomputed() {
        byte[] sessionKey = MppeKeys.initialSessionKey(SEND_START_KEY_128, KeyStrength.BITS_56);
        assertThat(sessionKey).isEqualTo(Hex.bytes("D1 5C 00 C4 9F A6 2E 3E"));
        byte[] recomputed = Hex.bytes("3F 10 68 33 FA 44 8D A8 42 BC 57 B8");
        byte[] printed = Hex.bytes("3F 10 68 33 FA 44 8D A8 42 BC 57 58");
        assertThat(rc4(sessionKey, TEST_MESSAGE)).isEqualTo(recomputed).isNotEqualTo(printed);
        assertThat(bouncyCastleRc4(sessionKey, TEST_MESSAGE)).isEqualTo(recomputed);
    }

    @Test
    void section3_5_3OneHundredTwentyEightBit() {
        assertThat(MppeKeys.getAsymmetricStartKey(MASTER_KEY, 16, true, true)).isEqualTo(SEND_START_KEY_128);
        byte[] sessionKey = MppeKeys.initialSessionKey(SEND_START_KEY_128, KeyStrength.BITS_128);
        assertThat(sessionKey).isEqualTo(Hex.bytes("40 5C B2 24 7A 79 56 E6 E2 11 00 7A E2 7B 22 D4"));
        assertThat(rc4(sessionKey, TEST_MESSAGE)).isEqualTo(Hex.bytes("81 84 83 17 DF 68 84 62 72 FB 5A BE"));
    }

    @Test
    void serverAndClientMasterKeysMirrorEachOther() {
        MppeMasterKeys server = MppeKeys.masterKeys(PASSWORD_HASH, NT_RESPONSE, true);
        MppeMasterKeys client = MppeKeys.masterKeys(PASSWORD_HASH, NT_RESPONSE, false);
        assertThat(server.masterSendKey()).isEqualTo(SEND_START_KEY_128).isEqualTo(client.masterReceiveKey());
        assertThat(client.masterSendKey()).isEqualTo(server.masterReceiveKey()).isNotEqualTo(server.masterSendKey());
    }

    /** The first stateful packet is encrypted with the initial session key, so the cipher reproduces the samples. */
    @Test
    void cipherFirstStatefulPacketIsTheSampleEncryptedMessage() {
        MppeMasterKeys server = MppeKeys.masterKeys(PASSWORD_HASH, NT_RESPONSE, true);
        assertThat(firstPacket(server, KeyStrength.BITS_40))
                .isEqualTo(Hex.bytes("92 91 37 91 7E 58 03 D6 68 D7 58 98"));
        assertThat(firstPacket(server, KeyStrength.BITS_128))
                .isEqualTo(Hex.bytes("81 84 83 17 DF 68 84 62 72 FB 5A BE"));
    }

    private static byte[] firstPacket(MppeMasterKeys keys, KeyStrength strength) {
        byte[] packet = new byte[2 + TEST_MESSAGE.length];
        System.arraycopy(TEST_MESSAGE, 0, packet, 2, TEST_MESSAGE.length);
        MppeCipher.sending(keys, strength, false)
                .encrypt(java.lang.foreign.MemorySegment.ofArray(packet), 0, TEST_MESSAGE.length);
        assertThat(Arrays.copyOf(packet, 2)).as("header: D set, count 0").isEqualTo(Hex.bytes("10 00"));
        return Arrays.copyOfRange(packet, 2, packet.length);
    }

    /**
     * RFC 3079 §2.5.3 is the MS-CHAP (version 1) 128-bit sample, which pptpgw does not implement; its step 3 is
     * recomputed here from the §2.4 pseudo-code (Get_Start_Key: SHA-1 over PasswordHashHash twice and the 8-octet
     * challenge, cut to 16 octets) with the §2.5 inputs. The RFC prints this start key with CA as its eighth octet
     * where the pseudo-code gives C1: that is the misprint, and the recomputed value is asserted. Step 4 is then
     * GetNewKeyFromSHA of the recomputed start key, computed with our §3.4 function.
     */
    @Test
    void section2_5_3StepThreeRecomputedFromThePseudoCode() {
        byte[] challenge = Hex.bytes("10 2D B5 DF 08 5D 30 41");
        SHA1Digest sha = new SHA1Digest();
        sha.update(PASSWORD_HASH_HASH, 0, 16);
        sha.update(PASSWORD_HASH_HASH, 0, 16);
        sha.update(challenge, 0, 8);
        byte[] digest = new byte[20];
        sha.doFinal(digest, 0);
        byte[] initialSessionKey = Arrays.copyOf(digest, 16);
        assertThat(initialSessionKey).isEqualTo(Hex.bytes("A8 94 78 50 CF C0 AC C1 D1 78 9F B6 2D DC DD B0"));
        assertThat(MppeKeys.getNewKeyFromSha(initialSessionKey, initialSessionKey, 16))
                .isEqualTo(Hex.bytes("59 D1 59 BC 09 F7 6F 1D A2 A8 6A 28 FF EC 0B 1E"));
    }

    private static byte[] rc4(byte[] key, byte[] message) {
        Rc4 rc4 = new Rc4();
        rc4.setKey(key);
        byte[] out = message.clone();
        rc4.process(out, 0, out.length);
        return out;
    }

    private static byte[] bouncyCastleRc4(byte[] key, byte[] message) {
        RC4Engine engine = new RC4Engine();
        engine.init(true, new KeyParameter(key));
        byte[] out = new byte[message.length];
        engine.processBytes(message, 0, message.length, out, 0);
        return out;
    }
}
