package io.pptpgw.mppe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MppeCipherTest {
    static final long SEED = 0x3078_3079L;
    /** Where the MPPE header starts in our test buffers, as if a GRE and PPP header came first. */
    static final int OFFSET = 5;

    final SplittableRandom random = new SplittableRandom(SEED);
    final MppeMasterKeys serverKeys = keys(1);
    final MppeMasterKeys clientKeys = new MppeMasterKeys(serverKeys.masterReceiveKey(), serverKeys.masterSendKey());

    @ParameterizedTest
    @EnumSource(KeyStrength.class)
    void statelessRoundTripAcrossTheCountWrap(KeyStrength strength) {
        MppeCipher sender = MppeCipher.sending(serverKeys, strength, true);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, strength, true);
        for (int n = 0; n < 5000; n++) {
            Packet packet = Packet.random(random, 1 + random.nextInt(1400));
            packet.encrypt(sender);
            assertThat(packet.header())
                    .as("seed %x packet %d: A and D set, count %d", SEED, n, n % 4096)
                    .isEqualTo(MppeHeader.FLUSHED | MppeHeader.ENCRYPTED | n % 4096);
            assertThat(packet.decrypt(receiver))
                    .as("seed %x packet %d", SEED, n)
                    .isEqualTo(DecryptResult.OK);
            assertThat(packet.plaintext()).as("seed %x packet %d", SEED, n).isEqualTo(packet.original);
        }
    }

    @ParameterizedTest
    @EnumSource(KeyStrength.class)
    void statefulRoundTripSetsTheFlushedBitOnFlagPacketsOnly(KeyStrength strength) {
        MppeCipher sender = MppeCipher.sending(serverKeys, strength, false);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, strength, false);
        for (int n = 0; n < 5000; n++) {
            Packet packet = Packet.random(random, 1 + random.nextInt(1400));
            packet.encrypt(sender);
            int count = n % 4096;
            boolean flag = (count & 0xFF) == 0xFF;
            assertThat(packet.header()).as("seed %x packet %d", SEED, n).isEqualTo(MppeHeader.of(flag, count));
            assertThat(packet.decrypt(receiver))
                    .as("seed %x packet %d", SEED, n)
                    .isEqualTo(DecryptResult.OK);
            assertThat(packet.plaintext()).as("seed %x packet %d", SEED, n).isEqualTo(packet.original);
        }
    }

    @Test
    void ciphertextIsNotThePlaintextAndDirectionsDiffer() {
        MppeCipher serverToClient = MppeCipher.sending(serverKeys, KeyStrength.BITS_128, true);
        MppeCipher clientToServer = MppeCipher.sending(clientKeys, KeyStrength.BITS_128, true);
        Packet one = Packet.random(random, 64);
        Packet two = new Packet(one.original.clone());
        one.encrypt(serverToClient);
        two.encrypt(clientToServer);
        assertThat(one.plaintext()).isNotEqualTo(one.original).isNotEqualTo(two.plaintext());
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyStrength.class,
            names = {"BITS_40", "BITS_128"})
    void statelessLossAndGapsStillDecrypt(KeyStrength strength) {
        MppeCipher sender = MppeCipher.sending(serverKeys, strength, true);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, strength, true);
        int delivered = 0;
        for (int n = 0; n < 6000; n++) {
            Packet packet = Packet.random(random, 1 + random.nextInt(300));
            packet.encrypt(sender);
            boolean lost = random.nextInt(100) < 10 || (n >= 2000 && n < 3500);
            if (!lost) {
                assertThat(packet.decrypt(receiver))
                        .as("seed %x packet %d", SEED, n)
                        .isEqualTo(DecryptResult.OK);
                assertThat(packet.plaintext()).as("seed %x packet %d", SEED, n).isEqualTo(packet.original);
                delivered++;
            }
        }
        assertThat(delivered).isGreaterThan(4000);
    }

    @Test
    void statelessLateAndDuplicatePacketsAreDroppedAndTheStreamGoesOn() {
        MppeCipher sender = MppeCipher.sending(serverKeys, KeyStrength.BITS_128, true);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, KeyStrength.BITS_128, true);
        Packet first = Packet.random(random, 100);
        Packet second = Packet.random(random, 100);
        Packet third = Packet.random(random, 100);
        first.encrypt(sender);
        second.encrypt(sender);
        third.encrypt(sender);
        byte[] secondOnTheWire = second.bytes.clone();

        assertThat(second.decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(first.decrypt(receiver)).isEqualTo(DecryptResult.LATE);
        assertThat(new Packet(secondOnTheWire, second.original).decrypt(receiver))
                .isEqualTo(DecryptResult.LATE);
        assertThat(third.decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(third.plaintext()).isEqualTo(third.original);
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyStrength.class,
            names = {"BITS_40", "BITS_128"})
    void statefulLossAsksForResyncThenRecoversAfterTheFlushedPacket(KeyStrength strength) {
        MppeCipher sender = MppeCipher.sending(serverKeys, strength, false);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, strength, false);
        int resyncs = 0;
        int delivered = 0;
        boolean awaitingFlush = false;
        for (int n = 0; n < 6000; n++) {
            Packet packet = Packet.random(random, 1 + random.nextInt(300));
            packet.encrypt(sender);
            // 1% random loss, and one long outage that spans several flag packets
            if (random.nextInt(100) == 0 || (n >= 1000 && n < 1700)) {
                continue;
            }
            DecryptResult result = packet.decrypt(receiver);
            String context = "seed " + Long.toHexString(SEED) + " packet " + n;
            switch (result) {
                case OK -> {
                    assertThat(packet.plaintext()).as(context).isEqualTo(packet.original);
                    awaitingFlush = false;
                    delivered++;
                }
                case RESYNC_NEEDED -> {
                    assertThat(awaitingFlush).as(context).isFalse();
                    awaitingFlush = true;
                    resyncs++;
                    sender.receiveResetRequest(); // the CCP Reset-Request reaching the peer
                }
                case DROPPED_AWAITING_FLUSH ->
                    assertThat(awaitingFlush).as(context).isTrue();
                default -> throw new AssertionError(context + ": " + result);
            }
        }
        assertThat(resyncs).isGreaterThan(20);
        assertThat(delivered).isGreaterThan(5000);
    }

    @Test
    void statefulResyncWaitsForTheFlushedPacketNotJustAnyPacket() {
        MppeCipher sender = MppeCipher.sending(serverKeys, KeyStrength.BITS_128, false);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, KeyStrength.BITS_128, false);
        Packet[] packets = new Packet[6];
        for (int n = 0; n < 4; n++) {
            packets[n] = Packet.random(random, 50);
            packets[n].encrypt(sender);
        }
        assertThat(packets[0].decrypt(receiver)).isEqualTo(DecryptResult.OK);
        // packet 1 lost
        assertThat(packets[2].decrypt(receiver)).isEqualTo(DecryptResult.RESYNC_NEEDED);
        assertThat(packets[3].decrypt(receiver)).isEqualTo(DecryptResult.DROPPED_AWAITING_FLUSH);
        sender.receiveResetRequest();
        sender.receiveResetRequest(); // a retransmitted Reset-Request makes no second key change
        packets[4] = Packet.random(random, 50);
        packets[4].encrypt(sender);
        packets[5] = Packet.random(random, 50);
        packets[5].encrypt(sender);
        assertThat(MppeHeader.isFlushed(packets[4].header())).isTrue();
        assertThat(MppeHeader.isFlushed(packets[5].header())).isFalse();
        assertThat(packets[4].decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(packets[4].plaintext()).isEqualTo(packets[4].original);
        assertThat(packets[5].decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(packets[5].plaintext()).isEqualTo(packets[5].original);
    }

    @Test
    void statefulRecoversWhenTheFlushedPacketAfterAResetRequestIsLost() {
        MppeCipher sender = MppeCipher.sending(serverKeys, KeyStrength.BITS_128, false);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, KeyStrength.BITS_128, false);
        Packet[] packets = new Packet[9];
        for (int n = 0; n < 5; n++) {
            packets[n] = Packet.random(random, 60);
            packets[n].encrypt(sender);
        }
        assertThat(packets[0].decrypt(receiver)).isEqualTo(DecryptResult.OK);
        // packets 1 to 3 lost
        assertThat(packets[4].decrypt(receiver)).isEqualTo(DecryptResult.RESYNC_NEEDED);
        sender.receiveResetRequest();
        packets[5] = Packet.random(random, 60);
        packets[5].encrypt(sender); // flushed, with a new key, and lost: nothing will ever show that key change
        packets[6] = Packet.random(random, 60);
        packets[6].encrypt(sender);
        assertThat(packets[6].decrypt(receiver)).isEqualTo(DecryptResult.DROPPED_AWAITING_FLUSH);
        sender.receiveResetRequest(); // our Reset-Request again, a second later
        packets[7] = Packet.random(random, 60);
        packets[7].encrypt(sender);

        assertThat(packets[7].decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(packets[7].plaintext()).as("one key change behind").isNotEqualTo(packets[7].original);
        assertThat(receiver.decryptAgainWithNextKey(packets[7].segment(), OFFSET, MppeHeader.LENGTH + 60))
                .isTrue();
        assertThat(packets[7].plaintext()).isEqualTo(packets[7].original);
        packets[8] = Packet.random(random, 60);
        packets[8].encrypt(sender);
        assertThat(packets[8].decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(packets[8].plaintext()).isEqualTo(packets[8].original);
        assertThat(receiver.decryptAgainWithNextKey(packets[8].segment(), OFFSET, MppeHeader.LENGTH + 60))
                .as("only a flushed packet may be tried again")
                .isFalse();
    }

    @Test
    void retriesOfAFlushedPacketAreBoundedAndLeaveTheKeyTheCountGave() {
        MppeCipher sender = MppeCipher.sending(serverKeys, KeyStrength.BITS_128, false);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, KeyStrength.BITS_128, false);
        Packet lost = Packet.random(random, 60);
        lost.encrypt(sender);
        Packet gap = Packet.random(random, 60);
        gap.encrypt(sender);
        assertThat(gap.decrypt(receiver)).isEqualTo(DecryptResult.RESYNC_NEEDED);
        sender.receiveResetRequest();
        Packet tampered = Packet.random(random, 60);
        tampered.encrypt(sender);
        byte[] ciphertext = tampered.bytes.clone();
        tampered.bytes[OFFSET + MppeHeader.LENGTH] ^= 0x40; // the first octet of the protocol field
        ciphertext[OFFSET + MppeHeader.LENGTH] ^= 0x40;

        assertThat(tampered.decrypt(receiver)).isEqualTo(DecryptResult.OK);
        int retries = 0;
        while (receiver.decryptAgainWithNextKey(tampered.segment(), OFFSET, MppeHeader.LENGTH + 60)) {
            retries++;
        }
        assertThat(retries).isEqualTo(MppeCipher.MAXIMUM_UNSEEN_KEY_CHANGES);
        assertThat(tampered.bytes).as("the ciphertext is given back as it came").isEqualTo(ciphertext);
        assertThat(receiver.reportGarbled()).isEqualTo(DecryptResult.RESYNC_NEEDED);

        sender.receiveResetRequest();
        Packet next = Packet.random(random, 60);
        next.encrypt(sender);
        assertThat(next.decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(next.plaintext()).as("the key the count gave was right").isEqualTo(next.original);
    }

    @Test
    void statefulLossBeforeAFlagPacketNeedsNoResync() {
        MppeCipher sender = MppeCipher.sending(serverKeys, KeyStrength.BITS_128, false);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, KeyStrength.BITS_128, false);
        for (int n = 0; n < 0x1FF + 2; n++) {
            Packet packet = Packet.random(random, 40);
            packet.encrypt(sender);
            if (n > 10 && n < 0x1FF) {
                continue; // lose everything up to the second flag packet, which carries the flushed bit
            }
            assertThat(packet.decrypt(receiver)).as("packet %d", n).isEqualTo(DecryptResult.OK);
            assertThat(packet.plaintext()).as("packet %d", n).isEqualTo(packet.original);
        }
    }

    @Test
    void tamperedPacketDecryptsToGarbageThatTheProtocolCheckCatchesAndStatelessRollsBack() {
        MppeCipher sender = MppeCipher.sending(serverKeys, KeyStrength.BITS_128, true);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, KeyStrength.BITS_128, true);
        Packet genuine = Packet.ip(random, 200);
        genuine.encrypt(sender);
        // A forged packet far ahead in the count: without the rollback it would push the keys past the real stream.
        Packet forged = Packet.ip(random, 200);
        forged.bytes[OFFSET] = (byte) (0x90 | 0x07);
        forged.bytes[OFFSET + 1] = (byte) 0xD0;
        assertThat(forged.decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(MppeCipher.encrypts(forged.protocol())).isFalse();
        assertThat(receiver.reportGarbled()).isEqualTo(DecryptResult.LATE);

        assertThat(genuine.decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(genuine.plaintext()).isEqualTo(genuine.original);
    }

    @Test
    void wronglyKeyedStatefulPacketIsReportedAndResynchronised() {
        MppeCipher sender = MppeCipher.sending(serverKeys, KeyStrength.BITS_128, false);
        MppeCipher stranger = MppeCipher.sending(keys(2), KeyStrength.BITS_128, false);
        MppeCipher receiver = MppeCipher.receiving(clientKeys, KeyStrength.BITS_128, false);
        Packet good = Packet.ip(random, 100);
        good.encrypt(sender);
        assertThat(good.decrypt(receiver)).isEqualTo(DecryptResult.OK);
        Packet wrong = Packet.ip(random, 100);
        stranger.encrypt(wrong.segment(), OFFSET, 100);
        wrong.bytes[OFFSET + 1] = 1; // the count the receiver expects next
        assertThat(wrong.decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(MppeCipher.encrypts(wrong.protocol())).isFalse();
        assertThat(receiver.reportGarbled()).isEqualTo(DecryptResult.RESYNC_NEEDED);

        Packet next = Packet.ip(random, 100);
        next.encrypt(sender); // count 1, not flushed: dropped while waiting
        assertThat(next.decrypt(receiver)).isEqualTo(DecryptResult.DROPPED_AWAITING_FLUSH);
        sender.receiveResetRequest();
        Packet flushed = Packet.ip(random, 100);
        flushed.encrypt(sender);
        assertThat(flushed.decrypt(receiver)).isEqualTo(DecryptResult.OK);
        assertThat(flushed.plaintext()).isEqualTo(flushed.original);
    }

    @Test
    void malformedHeadersAreValues() {
        MppeCipher receiver = MppeCipher.receiving(clientKeys, KeyStrength.BITS_128, true);
        MemorySegment segment = MemorySegment.ofArray(new byte[] {0x10, 0x00, 0x21});
        assertThat(receiver.decrypt(segment, 0, 0)).isEqualTo(DecryptResult.MALFORMED);
        assertThat(receiver.decrypt(segment, 0, 2)).isEqualTo(DecryptResult.MALFORMED);
        MppeHeader.write(segment, 0, 0x0001);
        assertThat(receiver.decrypt(segment, 0, 3)).isEqualTo(DecryptResult.NOT_ENCRYPTED);
        MppeHeader.write(segment, 0, MppeHeader.ENCRYPTED | MppeHeader.COMPRESSED | 1);
        assertThat(receiver.decrypt(segment, 0, 3)).isEqualTo(DecryptResult.COMPRESSED);
    }

    @Test
    void seededGarbageNeverThrowsInEitherMode() {
        for (boolean stateless : new boolean[] {true, false}) {
            MppeCipher receiver = MppeCipher.receiving(clientKeys, KeyStrength.BITS_128, stateless);
            for (int round = 0; round < 1500; round++) {
                byte[] garbage = new byte[random.nextInt(40)];
                random.nextBytes(garbage);
                int length = garbage.length;
                assertThatCode(() -> {
                            receiver.decrypt(MemorySegment.ofArray(garbage), 0, length);
                            if (random.nextInt(10) == 0) {
                                receiver.reportGarbled();
                            }
                        })
                        .as("seed %x stateless %s round %d", SEED, stateless, round)
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void onlyProtocols0x0021To0x00faAreEncrypted() {
        assertThat(MppeCipher.encrypts(0x0021)).isTrue(); // IPv4
        assertThat(MppeCipher.encrypts(0x0057)).isTrue(); // IPv6
        assertThat(MppeCipher.encrypts(0x00FA)).isTrue();
        assertThat(MppeCipher.encrypts(0x0020)).isFalse();
        assertThat(MppeCipher.encrypts(0x00FB)).isFalse();
        assertThat(MppeCipher.encrypts(0x00FD)).isFalse(); // MPPE itself
        assertThat(MppeCipher.encrypts(0xC021)).isFalse(); // LCP
        assertThat(MppeCipher.encrypts(0x80FD)).isFalse(); // CCP
    }

    /** The steady state allocates nothing: measured with the JVM's per-thread allocation counter. */
    @ParameterizedTest
    @EnumSource(
            value = KeyStrength.class,
            names = {"BITS_40", "BITS_128"})
    void encryptAndDecryptDoNotAllocate(KeyStrength strength) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (boolean stateless : new boolean[] {true, false}) {
            MppeCipher sender = MppeCipher.sending(serverKeys, strength, stateless);
            MppeCipher receiver = MppeCipher.receiving(clientKeys, strength, stateless);
            MemorySegment buffer = MemorySegment.ofArray(new byte[1500]);
            long tid = Thread.currentThread().threadId();
            int failures = 0;
            for (int warmUp = 0; warmUp < 3_000; warmUp++) {
                failures += roundTrip(sender, receiver, buffer);
            }
            long before = threads.getThreadAllocatedBytes(tid);
            for (int n = 0; n < 5_000; n++) {
                failures += roundTrip(sender, receiver, buffer);
            }
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertThat(failures).isZero();
            assertThat(allocated)
                    .as("bytes allocated over 5000 round trips, stateless=%s", stateless)
                    .isLessThan(1024);
        }
    }

    private static int roundTrip(MppeCipher sender, MppeCipher receiver, MemorySegment buffer) {
        int length = sender.encrypt(buffer, 4, 1400);
        return receiver.decrypt(buffer, 4, length) == DecryptResult.OK ? 0 : 1;
    }

    private MppeMasterKeys keys(int seed) {
        SplittableRandom keyRandom = new SplittableRandom(seed);
        byte[] send = new byte[16];
        byte[] receive = new byte[16];
        keyRandom.nextBytes(send);
        keyRandom.nextBytes(receive);
        return new MppeMasterKeys(send, receive);
    }

    /** A test packet: OFFSET bytes of outer headers, the 2-byte MPPE header, then the plaintext. */
    static final class Packet {
        final byte[] original;
        final byte[] bytes;

        Packet(byte[] plaintext) {
            this.original = plaintext;
            this.bytes = new byte[OFFSET + MppeHeader.LENGTH + plaintext.length + 3];
            System.arraycopy(plaintext, 0, bytes, OFFSET + MppeHeader.LENGTH, plaintext.length);
        }

        Packet(byte[] wire, byte[] original) {
            this.original = original;
            this.bytes = wire;
        }

        static Packet random(SplittableRandom random, int length) {
            byte[] plaintext = new byte[length];
            random.nextBytes(plaintext);
            return new Packet(plaintext);
        }

        /** An IPv4 packet behind its two-octet PPP protocol field. */
        static Packet ip(SplittableRandom random, int length) {
            Packet packet = random(random, length);
            packet.original[0] = 0x00;
            packet.original[1] = 0x21;
            System.arraycopy(packet.original, 0, packet.bytes, OFFSET + MppeHeader.LENGTH, 2);
            return packet;
        }

        MemorySegment segment() {
            return MemorySegment.ofArray(bytes);
        }

        void encrypt(MppeCipher cipher) {
            int length = cipher.encrypt(segment(), OFFSET, original.length);
            assertThat(length).isEqualTo(MppeHeader.LENGTH + original.length);
        }

        DecryptResult decrypt(MppeCipher cipher) {
            return cipher.decrypt(segment(), OFFSET, MppeHeader.LENGTH + original.length);
        }

        int header() {
            return MppeHeader.read(segment(), OFFSET);
        }

        byte[] plaintext() {
            int start = OFFSET + MppeHeader.LENGTH;
            return Arrays.copyOfRange(bytes, start, start + original.length);
        }

        int protocol() {
            int start = OFFSET + MppeHeader.LENGTH;
            return (bytes[start] & 0xFF) << 8 | (bytes[start + 1] & 0xFF);
        }
    }
}
