package io.pptpgw.mppe;

/** What {@link MppeCipher#decrypt} did with one packet; everything but {@link #OK} is a drop the caller counts. */
public enum DecryptResult {
    /** Decrypted in place; the caller still checks the decrypted PPP protocol, since MPPE has no integrity check. */
    OK,
    /** Shorter than the MPPE header plus one octet of protocol. */
    MALFORMED,
    /** D bit clear: the peer sent plaintext under the MPPE protocol number. */
    NOT_ENCRYPTED,
    /** C bit set: MPPC compression, which is never negotiated. */
    COMPRESSED,
    /** Stateless mode: a coherency count at or behind the last one (a duplicate or a reordered late packet). */
    LATE,
    /** Stateful mode: packets were lost; send a CCP Reset-Request (RFC 3078 §8.2) and wait for a flushed packet. */
    RESYNC_NEEDED,
    /** Stateful mode: still waiting for the flushed packet after a Reset-Request. */
    DROPPED_AWAITING_FLUSH
}
