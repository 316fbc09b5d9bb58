package io.pptpgw.crypto;

import org.bouncycastle.crypto.digests.MD4Digest;

/** MD4 (RFC 1320), which the NT password hash is built on (RFC 2759 §8.3). */
public final class Md4 {
    public static final int DIGEST_LENGTH = 16;

    private Md4() {}

    public static byte[] digest(byte[] message) {
        return digest(message, 0, message.length);
    }

    public static byte[] digest(byte[] message, int offset, int length) {
        MD4Digest md4 = new MD4Digest();
        md4.update(message, offset, length);
        byte[] out = new byte[DIGEST_LENGTH];
        md4.doFinal(out, 0);
        return out;
    }
}
