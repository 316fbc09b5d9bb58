package io.pptpgw.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The functions of RFC 2759 §8 under their RFC names, so each can be read against its pseudo-code. Where the RFC
 * passes the password, these take its NT hash instead (RFC 2759 §8.3), so that a stored {@code nthash:} credential
 * serves as well as a password.
 */
public final class MsChapV2Math {
    public static final int CHALLENGE_LENGTH = 16;
    public static final int NT_RESPONSE_LENGTH = 24;
    /** "S=" and 40 hexadecimal digits (RFC 2759 §8.7). */
    public static final int AUTHENTICATOR_RESPONSE_LENGTH = 42;

    // RFC 2759 §8.7
    private static final byte[] MAGIC_1 = "Magic server to client signing constant".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_2 =
            "Pad to make it do more than one iteration".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private MsChapV2Math() {}

    /** RFC 2759 §8.1 */
    public static byte[] generateNtResponse(
            byte[] authenticatorChallenge, byte[] peerChallenge, byte[] userName, byte[] passwordHash) {
        byte[] challenge = challengeHash(peerChallenge, authenticatorChallenge, userName);
        return challengeResponse(challenge, passwordHash);
    }

    /**
     * RFC 2759 §8.2: "Only the user name (as presented by the peer and excluding any prepended domain name) is used
     * as input", so a {@code DOMAIN\} prefix is dropped here.
     */
    public static byte[] challengeHash(byte[] peerChallenge, byte[] authenticatorChallenge, byte[] userName) {
        requireLength("PeerChallenge", peerChallenge, CHALLENGE_LENGTH);
        requireLength("AuthenticatorChallenge", authenticatorChallenge, CHALLENGE_LENGTH);
        int start = userNameStart(userName);
        SHA1Digest sha = new SHA1Digest();
        sha.update(peerChallenge, 0, CHALLENGE_LENGTH);
        sha.update(authenticatorChallenge, 0, CHALLENGE_LENGTH);
        sha.update(userName, start, userName.length - start);
        byte[] digest = new byte[sha.getDigestSize()];
        sha.doFinal(digest, 0);
        return Arrays.copyOf(digest, 8);
    }

    /** The user name with any {@code DOMAIN\} prefix removed (up to the last backslash), as RFC 2759 §8.2 uses it. */
    public static byte[] userNameWithoutDomain(byte[] userName) {
        return Arrays.copyOfRange(userName, userNameStart(userName), userName.length);
    }

    private static int userNameStart(byte[] userName) {
        for (int i = userName.length - 1; i >= 0; i--) {
            if (userName[i] == '\\') {
                return i + 1;
            }
        }
        return 0;
    }

    /** RFC 2759 §8.3: MD4 of the password in Unicode (UTF-16LE). */
    public static byte[] ntPasswordHash(String password) {
        return NtHash.ofPassword(password);
    }

    /** RFC 2759 §8.4 */
    public static byte[] hashNtPasswordHash(byte[] passwordHash) {
        requireLength("PasswordHash", passwordHash, NtHash.LENGTH);
        return Md4.digest(passwordHash);
    }

    /** RFC 2759 §8.5: the 8-octet challenge DES-encrypted under three keys cut from the zero-padded hash. */
    public static byte[] challengeResponse(byte[] challenge, byte[] passwordHash) {
        requireLength("Challenge", challenge, 8);
        requireLength("PasswordHash", passwordHash, NtHash.LENGTH);
        byte[] zPasswordHash = Arrays.copyOf(passwordHash, 21);
        byte[] response = new byte[NT_RESPONSE_LENGTH];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(desEncrypt(challenge, zPasswordHash, 7 * i), 0, response, 8 * i, 8);
        }
        return response;
    }

    /** RFC 2759 §8.6: DES-ECB of one block under the seven-octet key at {@code keyOffset}, expanded by §8.6's rule. */
    public static byte[] desEncrypt(byte[] clear, byte[] key, int keyOffset) {
        requireLength("Clear", clear, 8);
        DESEngine des = new DESEngine();
        des.init(true, new KeyParameter(DesKeys.expand(key, keyOffset)));
        byte[] cypher = new byte[8];
        des.processBlock(clear, 0, cypher, 0);
        return cypher;
    }

    /** RFC 2759 §8.7: the "S=" string of 42 characters, hexadecimal in upper case. */
    public static String generateAuthenticatorResponse(
            byte[] passwordHash,
            byte[] ntResponse,
            byte[] peerChallenge,
            byte[] authenticatorChallenge,
            byte[] userName) {
        requireLength("NT-Response", ntResponse, NT_RESPONSE_LENGTH);
        byte[] passwordHashHash = hashNtPasswordHash(passwordHash);
        SHA1Digest sha = new SHA1Digest();
        byte[] digest = new byte[sha.getDigestSize()];
        sha.update(passwordHashHash, 0, passwordHashHash.length);
        sha.update(ntResponse, 0, ntResponse.length);
        sha.update(MAGIC_1, 0, MAGIC_1.length);
        sha.doFinal(digest, 0);
        byte[] challenge = challengeHash(peerChallenge, authenticatorChallenge, userName);
        sha.update(digest, 0, digest.length);
        sha.update(challenge, 0, challenge.length);
        sha.update(MAGIC_2, 0, MAGIC_2.length);
        sha.doFinal(digest, 0);
        return "S=" + UPPER_HEX.formatHex(digest);
    }

    /**
     * RFC 2759 §8.8: whether the peer's "S=" string is the one we compute. The hexadecimal digits are compared in
     * constant time and regardless of case.
     */
    public static boolean checkAuthenticatorResponse(
            byte[] passwordHash,
            byte[] ntResponse,
            byte[] peerChallenge,
            byte[] authenticatorChallenge,
            byte[] userName,
            String receivedResponse) {
        String expected = generateAuthenticatorResponse(
                passwordHash, ntResponse, peerChallenge, authenticatorChallenge, userName);
        return receivedResponse.length() == AUTHENTICATOR_RESPONSE_LENGTH
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII),
                        receivedResponse.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static void requireLength(String name, byte[] value, int length) {
        if (value.length != length) {
            throw new IllegalArgumentException(name + " is " + value.length + " octets; RFC 2759 needs " + length);
        }
    }
}
