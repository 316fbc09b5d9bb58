package io.pptpgw.mppe;

import io.pptpgw.crypto.Rc4;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA1Digest;

/**
 * One direction of MPPE (RFC 3078): encrypts or decrypts packets in place over a {@link MemorySegment} range, keeps
 * the coherency count, changes keys, and resynchronises. Every buffer is allocated once here, so no packet
 * allocates. One instance serves one direction and has one writer thread; {@link #receiveResetRequest()} is the
 * only method another thread (the control thread) may call.
 *
 * <p>Key changes (RFC 3078 §7): in stateless mode before every packet; in stateful mode before every "flag" packet
 * (coherency count low octet 0xFF) and after a peer's Reset-Request. A packet sent with a new key carries the
 * flushed bit (A), and a stateful receiver changes its key exactly when A is set, as the Linux and Windows
 * implementations do. The count starts so the first packet carries 0, which is what those implementations expect.
 */
public final class MppeCipher {
    private static final int COUNT_SPACE = MppeHeader.COHERENCY_COUNT_MASK + 1;
    /**
     * Key changes a stateful sender may have made that no coherency count shows: one per flushed packet sent after a
     * Reset-Request and lost. Bounded, so a forged flushed packet costs a bounded amount of work.
     */
    static final int MAXIMUM_UNSEEN_KEY_CHANGES = 16;

    private final KeyStrength strength;
    private final boolean stateless;
    private final int keyLength;
    private final byte[] startKey;
    private final byte[] sessionKey;
    private final byte[] savedSessionKey;
    private final byte[] keyBeforeRetries;
    private final byte[] digest = new byte[20];
    private final SHA1Digest sha = new SHA1Digest();
    private final Rc4 rc4 = new Rc4();

    private int coherencyCount = COUNT_SPACE - 1;
    private long keyChanges;
    private volatile boolean flushRequested;
    private boolean discarding;
    private int savedCoherencyCount = -1;
    private boolean flushedJustDecrypted;
    private int retries;

    /**
     * @param masterKey the 16-octet master key of this direction (RFC 3079 §3.3), e.g. {@link
     *     MppeMasterKeys#masterSendKey()} for the sending direction
     */
    public MppeCipher(byte[] masterKey, KeyStrength strength, boolean stateless) {
        if (masterKey.length != MppeKeys.MASTER_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "MPPE master key is " + masterKey.length + " octets; RFC 3079 gives " + MppeKeys.MASTER_KEY_LENGTH);
        }
        this.strength = strength;
        this.stateless = stateless;
        this.keyLength = strength.sessionKeyLength();
        this.startKey = Arrays.copyOf(masterKey, keyLength);
        this.sessionKey = MppeKeys.initialSessionKey(masterKey, strength);
        this.savedSessionKey = new byte[keyLength];
        this.keyBeforeRetries = new byte[keyLength];
        rc4.setKey(sessionKey, 0, keyLength);
    }

    public static MppeCipher sending(MppeMasterKeys keys, KeyStrength strength, boolean stateless) {
        return new MppeCipher(keys.masterSendKey(), strength, stateless);
    }

    public static MppeCipher receiving(MppeMasterKeys keys, KeyStrength strength, boolean stateless) {
        return new MppeCipher(keys.masterReceiveKey(), strength, stateless);
    }

    /** RFC 3078 §1: only PPP protocols 0x0021 to 0x00FA are encrypted; control protocols travel in the clear. */
    public static boolean encrypts(int pppProtocol) {
        return pppProtocol >= 0x0021 && pppProtocol <= 0x00FA;
    }

    /**
     * Encrypts in place: writes the MPPE header at {@code offset} and encrypts the {@code plaintextLength} octets
     * (PPP protocol and data) that follow it.
     *
     * @return the MPPE packet's length, header included
     */
    public int encrypt(MemorySegment packet, long offset, int plaintextLength) {
        coherencyCount = (coherencyCount + 1) % COUNT_SPACE;
        boolean resetRequested = takeFlushRequest();
        boolean flushed = stateless || isFlagPacket(coherencyCount) || resetRequested;
        if (flushed) {
            changeKey();
        }
        MppeHeader.write(packet, offset, MppeHeader.of(flushed, coherencyCount));
        rc4.process(packet, offset + MppeHeader.LENGTH, plaintextLength);
        return MppeHeader.LENGTH + plaintextLength;
    }

    /**
     * The peer's CCP Reset-Request arrived (RFC 3078 §8.2): the next packet is sent with a new key and the flushed
     * bit. Safe to call from the control thread; several requests before the next packet make one key change.
     */
    public void receiveResetRequest() {
        flushRequested = true;
    }

    private boolean takeFlushRequest() {
        if (!flushRequested) {
            return false;
        }
        flushRequested = false;
        return true;
    }

    /**
     * Decrypts in place the MPPE packet of {@code length} octets at {@code offset} (header included); on {@link
     * DecryptResult#OK} the plaintext starts at {@code offset + 2}.
     */
    public DecryptResult decrypt(MemorySegment packet, long offset, int length) {
        savedCoherencyCount = -1;
        flushedJustDecrypted = false;
        retries = 0;
        if (length <= MppeHeader.LENGTH) {
            return DecryptResult.MALFORMED;
        }
        int header = MppeHeader.read(packet, offset);
        if (!MppeHeader.isEncrypted(header)) {
            return DecryptResult.NOT_ENCRYPTED;
        }
        if (MppeHeader.isCompressed(header)) {
            return DecryptResult.COMPRESSED;
        }
        int count = MppeHeader.coherencyCount(header);
        DecryptResult result =
                stateless ? synchroniseStateless(count) : synchroniseStateful(count, MppeHeader.isFlushed(header));
        if (result == DecryptResult.OK) {
            rc4.process(packet, offset + MppeHeader.LENGTH, length - MppeHeader.LENGTH);
        }
        return result;
    }

    /**
     * RFC 3078 §8.1: the key follows the coherency count, across any gap. A count not ahead of the last one
     * (within half the count space) is late; keys only move forward.
     */
    private DecryptResult synchroniseStateless(int count) {
        int ahead = (count - coherencyCount + COUNT_SPACE) % COUNT_SPACE;
        if (ahead == 0 || ahead > COUNT_SPACE / 2) {
            return DecryptResult.LATE;
        }
        System.arraycopy(sessionKey, 0, savedSessionKey, 0, keyLength);
        savedCoherencyCount = coherencyCount;
        for (int change = 0; change < ahead; change++) {
            changeKey();
        }
        coherencyCount = count;
        return DecryptResult.OK;
    }

    /** RFC 3078 §8.2: a gap in the count means loss; drop until a flushed packet, then catch up the key changes. */
    private DecryptResult synchroniseStateful(int count, boolean flushed) {
        int expected = (coherencyCount + 1) % COUNT_SPACE;
        if (count != expected || discarding) {
            if (!flushed) {
                boolean first = !discarding;
                discarding = true;
                return first ? DecryptResult.RESYNC_NEEDED : DecryptResult.DROPPED_AWAITING_FLUSH;
            }
            changeKeyForMissedFlagPackets(count);
            discarding = false;
        }
        if (flushed) {
            changeKey();
            System.arraycopy(sessionKey, 0, keyBeforeRetries, 0, keyLength);
            flushedJustDecrypted = true;
        }
        coherencyCount = count;
        return DecryptResult.OK;
    }

    /**
     * Stateful mode, right after a flushed packet decrypted to garbage: the sender may have changed its key more
     * often than the coherency count shows, because a flushed packet it sent after one of our Reset-Requests was lost
     * (it changes its key for every flushed packet, as Linux and Windows do, and nothing tells the receiver of a lost
     * one). Undoes this packet's decryption, changes the key once more and decrypts again; the caller checks the
     * plaintext again. Up to {@value #MAXIMUM_UNSEEN_KEY_CHANGES} times per packet.
     *
     * @return false when the last packet was no flushed stateful one or the retries are used up; the key is then
     *     what the count alone gave, and the caller reports the packet {@link #reportGarbled garbled}
     */
    public boolean decryptAgainWithNextKey(MemorySegment packet, long offset, int length) {
        if (!flushedJustDecrypted) {
            return false;
        }
        rc4.setKey(sessionKey, 0, keyLength); // the tables this packet was decrypted with:
        rc4.process(packet, offset + MppeHeader.LENGTH, length - MppeHeader.LENGTH); // XOR again, ciphertext back
        if (retries == MAXIMUM_UNSEEN_KEY_CHANGES) {
            System.arraycopy(keyBeforeRetries, 0, sessionKey, 0, keyLength);
            rc4.setKey(sessionKey, 0, keyLength);
            flushedJustDecrypted = false;
            return false;
        }
        retries++;
        changeKey();
        rc4.process(packet, offset + MppeHeader.LENGTH, length - MppeHeader.LENGTH);
        return true;
    }

    /** The sender changed its key at every flag packet between the last one we decrypted and {@code count}. */
    private void changeKeyForMissedFlagPackets(int count) {
        for (int missed = (coherencyCount + 1) % COUNT_SPACE; missed != count; missed = (missed + 1) % COUNT_SPACE) {
            if (isFlagPacket(missed)) {
                changeKey();
            }
        }
    }

    /**
     * The caller found the last {@link DecryptResult#OK} packet's plaintext impossible (its PPP protocol is not one
     * MPPE encrypts): the packet was tampered with, forged or wrongly keyed. In stateless mode the key state goes
     * back to before that packet, so a forged count cannot push the keys ahead of the real stream; in stateful mode
     * the stream is lost and must be resynchronised.
     *
     * @return {@link DecryptResult#RESYNC_NEEDED} (stateful: send a CCP Reset-Request) or {@link
     *     DecryptResult#LATE} (stateless: just drop)
     */
    public DecryptResult reportGarbled() {
        if (stateless) {
            if (savedCoherencyCount >= 0) {
                System.arraycopy(savedSessionKey, 0, sessionKey, 0, keyLength);
                coherencyCount = savedCoherencyCount;
                savedCoherencyCount = -1;
            }
            return DecryptResult.LATE;
        }
        discarding = true;
        return DecryptResult.RESYNC_NEEDED;
    }

    /**
     * RFC 3078 §7.3: the interim key from SHA-1 over the start key and the current session key is RC4-encrypted
     * under itself to give the new session key, which is reduced for 40/56-bit and re-keys the RC4 tables.
     */
    private void changeKey() {
        keyChanges++;
        MppeKeys.getNewKeyFromSha(sha, startKey, sessionKey, keyLength, digest);
        rc4.setKey(digest, 0, keyLength);
        rc4.process(digest, 0, sessionKey, 0, keyLength);
        MppeKeys.reduceSessionKey(sessionKey, strength);
        rc4.setKey(sessionKey, 0, keyLength);
    }

    private static boolean isFlagPacket(int count) {
        return (count & 0xFF) == 0xFF;
    }

    /** Key changes so far; read by metrics from another thread, where a moment's staleness does not matter. */
    public long keyChanges() {
        return keyChanges;
    }

    /** The coherency count of the last packet sent or accepted. */
    public int coherencyCount() {
        return coherencyCount;
    }

    public boolean isStateless() {
        return stateless;
    }

    public KeyStrength strength() {
        return strength;
    }
}
