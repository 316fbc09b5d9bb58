package io.pptpgw.session;

import io.pptpgw.gre.EnhancedGreHeader;
import io.pptpgw.gre.GreSocket;
import io.pptpgw.gre.PacketBatch;
import io.pptpgw.mppe.KeyStrength;
import io.pptpgw.mppe.MppeCipher;
import io.pptpgw.mppe.MppeHeader;
import io.pptpgw.ppp.PppFrameView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The receiving end of a GRE link with an attacker in front of it: while armed, one MPPE data packet in {@code every}
 * is tampered with before the data path sees it, either by flipping one bit of its encrypted protocol field or IP
 * header, or by replacing it with a packet encrypted under another key (optionally under a forged coherency count).
 * Choices come from a seeded generator. It also notes the GRE sequence numbers of CCP Reset-Acks and flushed MPPE
 * packets it lets through, so a test can check their order.
 */
final class TamperingGreSocket implements GreSocket {
    enum Tamper {
        FLIP_A_BIT,
        WRONG_KEY,
        WRONG_KEY_FORGED_COUNT_AHEAD
    }

    /** A Reset-Ack or a flushed MPPE packet passed through, in arrival order. */
    record Seen(String what, int sequenceNumber) {}

    private final GreSocket delegate;
    private final SplittableRandom random;
    private final EnhancedGreHeader gre = new EnhancedGreHeader();
    private final PppFrameView ppp = new PppFrameView();
    private final MppeCipher wrongKey;
    private final List<Seen> seen = new ArrayList<>();
    private volatile Tamper tamper;
    private volatile int every;
    private volatile int tampered;
    private int mppePackets;

    TamperingGreSocket(GreSocket delegate, long seed) {
        this.delegate = delegate;
        this.random = new SplittableRandom(seed);
        byte[] otherMasterKey = new byte[16];
        random.nextBytes(otherMasterKey);
        this.wrongKey = new MppeCipher(otherMasterKey, KeyStrength.BITS_128, true);
    }

    /** From now on, tamper with one MPPE data packet in {@code every}. */
    void arm(Tamper how, int every) {
        this.every = every;
        this.tamper = how;
    }

    void disarm() {
        tamper = null;
    }

    /** How many packets were tampered with so far. */
    int tampered() {
        return tampered;
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public int receive(PacketBatch batch) {
        int received = delegate.receive(batch);
        for (int slot = 0; slot < received; slot++) {
            inspect(batch.segment(), batch.packetOffset(slot), batch.length(slot));
        }
        return received;
    }

    private void inspect(MemorySegment segment, long offset, int length) {
        if (!gre.parse(segment, offset, length) || !gre.hasSequenceNumber()) {
            return;
        }
        if (!ppp.parse(segment, gre.payloadOffset(), gre.payloadLength())) {
            return;
        }
        long information = ppp.informationOffset();
        int informationLength = ppp.informationLength();
        if (ppp.protocol() == 0x80FD
                && informationLength >= 1
                && segment.get(ValueLayout.JAVA_BYTE, information) == 15) {
            note("Reset-Ack", gre.sequenceNumber());
        } else if (ppp.protocol() == MppeHeader.PPP_PROTOCOL && informationLength > MppeHeader.LENGTH + 22) {
            Tamper how = tamper;
            if (how != null && ++mppePackets % every == 0) {
                tamper(how, segment, information, informationLength);
                tampered++;
            } else if (isFlushedOutOfTurn(MppeHeader.read(segment, information))) {
                note("flushed", gre.sequenceNumber());
            }
        }
    }

    /** Flushed, but not a stateful "flag" packet (count low octet 0xFF): stateless, or after a Reset-Request. */
    private static boolean isFlushedOutOfTurn(int header) {
        return MppeHeader.isFlushed(header) && (MppeHeader.coherencyCount(header) & 0xFF) != 0xFF;
    }

    private void tamper(Tamper how, MemorySegment segment, long mppe, int length) {
        int header = MppeHeader.read(segment, mppe);
        switch (how) {
            case FLIP_A_BIT -> {
                // the encrypted PPP protocol and IP header: 2 + 20 octets after the MPPE header
                long at = mppe + MppeHeader.LENGTH + random.nextInt(22);
                byte value = segment.get(ValueLayout.JAVA_BYTE, at);
                segment.set(ValueLayout.JAVA_BYTE, at, (byte) (value ^ (1 << random.nextInt(8))));
            }
            case WRONG_KEY, WRONG_KEY_FORGED_COUNT_AHEAD -> {
                byte[] plaintext = new byte[length - MppeHeader.LENGTH];
                random.nextBytes(plaintext);
                plaintext[0] = 0x00;
                plaintext[1] = 0x21; // IPv4, as a real sender's would be
                MemorySegment.copy(
                        plaintext, 0, segment, ValueLayout.JAVA_BYTE, mppe + MppeHeader.LENGTH, plaintext.length);
                wrongKey.encrypt(segment, mppe, plaintext.length);
                int count = MppeHeader.coherencyCount(header);
                if (how == Tamper.WRONG_KEY_FORGED_COUNT_AHEAD) {
                    count = (count + 1000) & MppeHeader.COHERENCY_COUNT_MASK;
                }
                MppeHeader.write(segment, mppe, MppeHeader.of(MppeHeader.isFlushed(header), count));
            }
        }
    }

    private synchronized void note(String what, int sequenceNumber) {
        seen.add(new Seen(what, sequenceNumber));
    }

    @Override
    public int send(PacketBatch batch, int from) {
        return delegate.send(batch, from);
    }

    @Override
    public boolean awaitReceive(long timeoutNanos) {
        return delegate.awaitReceive(timeoutNanos);
    }

    @Override
    public boolean awaitSend(long timeoutNanos) {
        return delegate.awaitSend(timeoutNanos);
    }

    @Override
    public void wakeup() {
        delegate.wakeup();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
