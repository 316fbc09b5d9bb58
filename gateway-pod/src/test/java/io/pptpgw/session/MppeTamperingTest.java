package io.pptpgw.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pptpgw.client.ClientSession;
import io.pptpgw.dataplane.DataPathStats;
import io.pptpgw.dataplane.Drop;
import io.pptpgw.gre.memory.InMemoryGreLink;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.ccp.MppeMode;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.session.TamperingGreSocket.Seen;
import io.pptpgw.session.TamperingGreSocket.Tamper;
import io.pptpgw.sys.Ipv4;
import io.pptpgw.testing.Ipv4Packets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MPPE has no integrity check, so the data path must notice garbage itself: packets from the client that an attacker
 * tampered with, or replaced by packets encrypted under another key, reach the gateway. Each is counted and dropped,
 * nothing else is lost in stateless mode, stateful mode resynchronises, and traffic carries on afterwards.
 */
class MppeTamperingTest {
    private static final long SEED = 20260314L;
    private static final int INSIDE_HOST = Ipv4.parse("10.0.0.5");
    private static final MppePolicy STATEFUL_ALLOWED = new MppePolicy(MppePolicy.Encryption.REQUIRED, true, false);
    private static final MppePolicy CLIENT_ASKING_STATEFUL =
            MppePolicy.defaults().preferring(new MppeMode(MppeMode.KeyLength.BITS_128, false));

    private InMemoryGateway gateway;
    private TamperingGreSocket attacker;
    private int clientAddress;
    private int nextPacket;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void statelessDropsEachBitFlippedPacketAndLosesNothingElse() throws Exception {
        dial(MppePolicy.defaults(), MppePolicy.defaults(), "mppe-128");
        assertThat(carry(50)).isEqualTo(50);

        attacker.arm(Tamper.FLIP_A_BIT, 7);
        int delivered = carry(700);
        attacker.disarm();

        int tampered = attacker.tampered();
        assertThat(tampered).as("seed %d", SEED).isEqualTo(100);
        assertThat(delivered).isEqualTo(700 - tampered);
        assertThat(server().dropped(Drop.MPPE_GARBLED)).isEqualTo(tampered);
        assertThat(server().dropped(Drop.MPPE_LATE)).isZero();
        assertThat(carry(100)).as("traffic after the attack").isEqualTo(100);
    }

    @Test
    void statelessIgnoresWronglyKeyedPacketsEvenWithForgedCountsAhead() throws Exception {
        dial(MppePolicy.defaults(), MppePolicy.defaults(), "mppe-128");
        assertThat(carry(50)).isEqualTo(50);

        attacker.arm(Tamper.WRONG_KEY_FORGED_COUNT_AHEAD, 10);
        int delivered = carry(500);
        attacker.disarm();

        int tampered = attacker.tampered();
        assertThat(tampered).isEqualTo(50);
        assertThat(delivered)
                .as("a forged count must not move the keys ahead of the real stream")
                .isEqualTo(500 - tampered);
        assertThat(server().dropped(Drop.MPPE_GARBLED)).isEqualTo(tampered);
        assertThat(server().dropped(Drop.MPPE_LATE)).isZero();
        assertThat(carry(100)).isEqualTo(100);
    }

    @Test
    void statefulResynchronisesAfterBitFlippedPacketsAndCarriesOn() throws Exception {
        dial(STATEFUL_ALLOWED, CLIENT_ASKING_STATEFUL, "mppe-128-stateful");
        assertThat(carry(50)).isEqualTo(50);

        attacker.arm(Tamper.FLIP_A_BIT, 100);
        int delivered = carry(1000);
        attacker.disarm();

        assertThat(attacker.tampered()).isEqualTo(10);
        assertThat(delivered).isLessThan(1000 - attacker.tampered());
        assertThat(server().dropped(Drop.MPPE_GARBLED)).isPositive();
        assertThat(server().mppeResyncs()).isPositive();
        awaitTrafficAgain();
        assertThat(carry(200)).as("traffic after the resynchronisation").isEqualTo(200);
        assertResetAcksPrecedeFlushedPackets();
    }

    @Test
    void statefulResynchronisesAfterWronglyKeyedPacketsAndCarriesOn() throws Exception {
        dial(STATEFUL_ALLOWED, CLIENT_ASKING_STATEFUL, "mppe-128-stateful");
        assertThat(carry(50)).isEqualTo(50);

        attacker.arm(Tamper.WRONG_KEY, 100);
        carry(1000);
        attacker.disarm();

        assertThat(server().dropped(Drop.MPPE_GARBLED)).isPositive();
        assertThat(server().mppeResyncs()).isPositive();
        awaitTrafficAgain();
        assertThat(carry(200)).isEqualTo(200);
        assertResetAcksPrecedeFlushedPackets();
    }

    private void dial(MppePolicy serverPolicy, MppePolicy clientPolicy, String expectedEncryption) throws Exception {
        gateway = new InMemoryGateway(
                InMemoryGreLink.Impairment.NONE,
                serverPolicy,
                Map.of("alice", "secret"),
                socket -> attacker = new TamperingGreSocket(socket, SEED));
        ClientSession session = gateway.client
                .dial(
                        gateway.serverAddress(),
                        "alice",
                        new Credential.Password("secret"),
                        InMemoryGateway.clientLink(clientPolicy))
                .get(20, TimeUnit.SECONDS);
        assertThat(session.encryption()).isEqualTo(expectedEncryption);
        clientAddress = Ipv4Address.of(session.address()).bits();
        gateway.awaitGatewaySessionUp();
    }

    private DataPathStats server() {
        return gateway.serverDataPlane;
    }

    /** Sends {@code count} numbered packets from the client and returns how many reached the gateway's TUN device. */
    private int carry(int count) throws InterruptedException {
        int first = nextPacket;
        nextPacket += count;
        for (int i = first; i < first + count; i++) {
            assertThat(gateway.clientTun.inject(packet(i))).isTrue();
        }
        int delivered = 0;
        byte[] packet;
        while ((packet = gateway.serverTun.awaitWritten(Duration.ofSeconds(2))) != null) {
            int number = ByteBuffer.wrap(packet).getInt(28);
            if (number >= first && number < first + count) {
                delivered++;
            }
            if (number == first + count - 1) {
                break; // the last one: anything of this batch still missing is lost
            }
        }
        return delivered;
    }

    /** Stateful: the resynchronisation may still be under way; once one packet gets through, all do. */
    private void awaitTrafficAgain() {
        AtomicInteger packet = new AtomicInteger(1_000_000);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    gateway.clientTun.inject(packet(packet.getAndIncrement()));
                    byte[] written;
                    boolean through = false;
                    while ((written = gateway.serverTun.takeWritten()) != null) {
                        through = true;
                    }
                    return through;
                });
    }

    /** RFC 3078 §8.2 with a Linux peer in mind: the packet flushed after a Reset-Request follows our Reset-Ack. */
    private void assertResetAcksPrecedeFlushedPackets() {
        List<Seen> seen = attacker.seen();
        assertThat(seen).as("Reset-Acks and flushed packets seen").isNotEmpty();
        assertThat(seen.getFirst().what()).isEqualTo("Reset-Ack");
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i).what().equals("flushed")) {
                assertThat(seen.get(i - 1).what())
                        .as("before %s in %s", seen.get(i), seen)
                        .isEqualTo("Reset-Ack");
                assertThat(seen.get(i).sequenceNumber() - seen.get(i - 1).sequenceNumber())
                        .isPositive();
            }
        }
    }

    private byte[] packet(int number) {
        byte[] payload = ByteBuffer.allocate(64).putInt(number).array();
        return Ipv4Packets.udp(clientAddress, INSIDE_HOST, payload);
    }
}
