package io.pptpgw.mppe;

import java.util.Arrays;

/**
 * The MPPE master send and receive keys of one side of a link, 16 bytes each, as RFC 3079 §3.4 derives them from
 * the MS-CHAPv2 exchange. 40- and 128-bit session keys are derived from these (RFC 3079 §3.1-3.3).
 */
public record MppeMasterKeys(byte[] masterSendKey, byte[] masterReceiveKey) {
    public static final int LENGTH = 16;

    public MppeMasterKeys {
        if (masterSendKey.length != LENGTH || masterReceiveKey.length != LENGTH) {
            throw new IllegalArgumentException("MPPE master keys are " + LENGTH + " bytes");
        }
        masterSendKey = masterSendKey.clone();
        masterReceiveKey = masterReceiveKey.clone();
    }

    @Override
    public byte[] masterSendKey() {
        return masterSendKey.clone();
    }

    @Override
    public byte[] masterReceiveKey() {
        return masterReceiveKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MppeMasterKeys k
                && Arrays.equals(k.masterSendKey, masterSendKey)
                && Arrays.equals(k.masterReceiveKey, masterReceiveKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(masterSendKey) + Arrays.hashCode(masterReceiveKey);
    }

    @Override
    public String toString() {
        return "MppeMasterKeys[redacted]";
    }
}
