package io.pptpgw.mppe;

import io.pptpgw.crypto.Md4;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA1Digest;

/**
 * MPPE key derivation from MS-CHAPv2 credentials, RFC 3079 §3, under the RFC's function names so each method can be
 * read against its pseudo-code (§3.4). The allocating forms are for set-up; {@link MppeCipher} uses the
 * buffer-passing form of {@link #getNewKeyFromSha} on the data path.
 */
public final class MppeKeys {
    public static final int MASTER_KEY_LENGTH = 16;

    // RFC 3079 §3.4
    private static final byte[] MAGIC_1 = ascii("This is the MPPE Master Key");
    private static final byte[] MAGIC_2 =
            ascii("On the client side, this is the send key; on the server side, it is the receive key.");
    private static final byte[] MAGIC_3 =
            ascii("On the client side, this is the receive key; on the server side, it is the send key.");
    private static final byte[] SHS_PAD_1 = new byte[40];
    private static final byte[] SHS_PAD_2 = filled(40, (byte) 0xF2);
    // RFC 3079 §3.1 (40-bit) and §3.2 (56-bit): the leading octets a reduced key is given
    private static final byte[] REDUCED_KEY_PREFIX = {(byte) 0xD1, (byte) 0x26, (byte) 0x9E};

    private MppeKeys() {}

    /**
     * The master send and receive keys of one side of a link (RFC 3079 §3.3), 16 octets each, from the NT password
     * hash and the NT-Response that crossed the wire. Shorter session keys are derived by truncation.
     */
    public static MppeMasterKeys masterKeys(byte[] passwordHash, byte[] ntResponse, boolean isServer) {
        byte[] masterKey = getMasterKey(Md4.digest(passwordHash), ntResponse);
        return new MppeMasterKeys(
                getAsymmetricStartKey(masterKey, MASTER_KEY_LENGTH, true, isServer),
                getAsymmetricStartKey(masterKey, MASTER_KEY_LENGTH, false, isServer));
    }

    /** RFC 3079 §3.4 GetMasterKey */
    public static byte[] getMasterKey(byte[] passwordHashHash, byte[] ntResponse) {
        SHA1Digest sha = new SHA1Digest();
        sha.update(passwordHashHash, 0, 16);
        sha.update(ntResponse, 0, 24);
        sha.update(MAGIC_1, 0, MAGIC_1.length);
        byte[] digest = new byte[sha.getDigestSize()];
        sha.doFinal(digest, 0);
        return Arrays.copyOf(digest, MASTER_KEY_LENGTH);
    }

    /**
     * RFC 3079 §3.4 GetAsymmetricStartKey: the server sends with what the client receives with, so the magic
     * strings cross over between the two sides.
     */
    public static byte[] getAsymmetricStartKey(
            byte[] masterKey, int sessionKeyLength, boolean isSend, boolean isServer) {
        byte[] magic = isSend == isServer ? MAGIC_3 : MAGIC_2;
        SHA1Digest sha = new SHA1Digest();
        sha.update(masterKey, 0, MASTER_KEY_LENGTH);
        sha.update(SHS_PAD_1, 0, SHS_PAD_1.length);
        sha.update(magic, 0, magic.length);
        sha.update(SHS_PAD_2, 0, SHS_PAD_2.length);
        byte[] digest = new byte[sha.getDigestSize()];
        sha.doFinal(digest, 0);
        return Arrays.copyOf(digest, sessionKeyLength);
    }

    /** RFC 3079 §3.4 GetNewKeyFromSHA, returning the interim key. */
    public static byte[] getNewKeyFromSha(byte[] startKey, byte[] sessionKey, int sessionKeyLength) {
        byte[] digest = new byte[20];
        getNewKeyFromSha(new SHA1Digest(), startKey, sessionKey, sessionKeyLength, digest);
        return Arrays.copyOf(digest, sessionKeyLength);
    }

    /** GetNewKeyFromSHA without allocating: the interim key is the first {@code sessionKeyLength} octets of digest. */
    static void getNewKeyFromSha(
            SHA1Digest sha, byte[] startKey, byte[] sessionKey, int sessionKeyLength, byte[] digest) {
        sha.update(startKey, 0, sessionKeyLength);
        sha.update(SHS_PAD_1, 0, SHS_PAD_1.length);
        sha.update(sessionKey, 0, sessionKeyLength);
        sha.update(SHS_PAD_2, 0, SHS_PAD_2.length);
        sha.doFinal(digest, 0);
    }

    /** Gives a 40- or 56-bit key its fixed leading octets, in place (RFC 3079 §3.1, §3.2); 128-bit keys are kept. */
    public static void reduceSessionKey(byte[] sessionKey, KeyStrength strength) {
        int fixed = switch (strength) {
            case BITS_40 -> 3;
            case BITS_56 -> 1;
            case BITS_128 -> 0;
        };
        System.arraycopy(REDUCED_KEY_PREFIX, 0, sessionKey, 0, fixed);
    }

    /**
     * The first session key of a direction (RFC 3079 §3.1-3.3): GetNewKeyFromSHA over the start key, cut to the
     * strength's length, then reduced.
     */
    public static byte[] initialSessionKey(byte[] masterKey, KeyStrength strength) {
        int length = strength.sessionKeyLength();
        byte[] startKey = Arrays.copyOf(masterKey, length);
        byte[] sessionKey = getNewKeyFromSha(startKey, startKey, length);
        reduceSessionKey(sessionKey, strength);
        return sessionKey;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
