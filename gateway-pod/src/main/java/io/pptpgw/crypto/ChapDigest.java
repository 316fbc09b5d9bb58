package io.pptpgw.crypto;

import org.bouncycastle.crypto.digests.MD5Digest;

/** The CHAP-MD5 Response Value (RFC 1994 §4.1): MD5 over the Identifier, the secret and the Challenge Value. */
public final class ChapDigest {
    public static final int MD5_LENGTH = 16;

    private ChapDigest() {}

    public static byte[] md5(int identifier, byte[] secret, byte[] challenge) {
        MD5Digest md5 = new MD5Digest();
        md5.update((byte) identifier);
        md5.update(secret, 0, secret.length);
        md5.update(challenge, 0, challenge.length);
        byte[] out = new byte[MD5_LENGTH];
        md5.doFinal(out, 0);
        return out;
    }
}
