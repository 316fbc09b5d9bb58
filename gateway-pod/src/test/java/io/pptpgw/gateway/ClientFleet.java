package io.pptpgw.gateway;

import io.pptpgw.client.ClientSession;
import io.pptpgw.client.PptpClient;
import io.pptpgw.client.control.ClientSettings;
import io.pptpgw.dataplane.DataPlaneSettings;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.LinkSettings;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import io.pptpgw.sys.RawGreSocket;
import io.pptpgw.testing.Ipv4Packets;
import io.pptpgw.tun.InMemoryTun;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test program: one client process holding many sessions at once over one raw GRE socket and one in-memory TUN, each
 * session dialled on its own control connection. Prints {@code ADDRESS <n> <address>} per session, then pings
 * {@code target} from every session at once for a few rounds ({@code ROUND <r> <answered>/<sessions>}), hangs up,
 * and exits 0 only if every session came up and every ping was answered.
 *
 * <p>Arguments: server address, user, password, sessions, ping target, rounds.
 */
public final class ClientFleet {
    private static final Duration SETUP = Duration.ofSeconds(120);
    private static final Duration ROUND = Duration.ofSeconds(20);

    private ClientFleet() {}

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], 1723);
        String user = args[1];
        Credential credential = new Credential.Password(args[2]);
        int sessions = Integer.parseInt(args[3]);
        int target = Ipv4Address.parse(args[4]).bits();
        int rounds = Integer.parseInt(args[5]);
        InMemoryTun tun = new InMemoryTun("fleet", 4 * sessions);
        boolean allAnswered = true;
        try (RawGreSocket gre = RawGreSocket.open(RawGreSocket.Options.DEFAULTS);
                PptpClient client = new PptpClient(gre, tun, ClientSettings.defaults(), DataPlaneSettings.DEFAULTS)) {
            List<CompletableFuture<ClientSession>> dials = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                dials.add(client.dial(server, user, credential, link()));
            }
            CompletableFuture.allOf(dials.toArray(CompletableFuture[]::new)).get(SETUP.toSeconds(), TimeUnit.SECONDS);
            List<ClientSession> up = dials.stream().map(CompletableFuture::join).toList();
            int[] addresses = new int[sessions];
            for (int i = 0; i < sessions; i++) {
                addresses[i] = Ipv4Address.of(up.get(i).address()).bits();
                System.out.printf("ADDRESS %d %s%n", i, up.get(i).address().getHostAddress());
            }
            for (int round = 1; round <= rounds; round++) {
                int answered = pingAll(tun, addresses, target, round);
                System.out.printf("ROUND %d %d/%d%n", round, answered, sessions);
                System.out.flush();
                allAnswered &= answered == sessions;
            }
            for (ClientSession session : up) {
                session.hangUp().get(30, TimeUnit.SECONDS);
            }
            System.out.println("HUNG UP");
        } finally {
            tun.close();
        }
        System.exit(allAnswered ? 0 : 1);
    }

    /** One echo request from every session at once; counts the sessions whose reply came back to it. */
    private static int pingAll(InMemoryTun tun, int[] addresses, int target, int round) throws InterruptedException {
        for (int i = 0; i < addresses.length; i++) {
            tun.inject(Ipv4Packets.icmpEcho(addresses[i], target, i + 1, round, new byte[56]));
        }
        BitSet answered = new BitSet(addresses.length);
        long deadline = System.nanoTime() + ROUND.toNanos();
        while (answered.cardinality() < addresses.length && System.nanoTime() < deadline) {
            byte[] packet = tun.awaitWritten(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (packet == null || packet.length < 28 || packet[9] != 1 || packet[20] != 0) {
                continue; // not an ICMP echo reply
            }
            ByteBuffer view = ByteBuffer.wrap(packet);
            int session = (view.getShort(24) & 0xFFFF) - 1;
            boolean ours = session >= 0
                    && session < addresses.length
                    && Ipv4Packets.source(packet) == target
                    && Ipv4Packets.destination(packet) == addresses[session]
                    && (view.getShort(26) & 0xFFFF) == round;
            if (ours) {
                answered.set(session);
            }
        }
        return answered.cardinality();
    }

    private static LinkSettings link() {
        return new LinkSettings(
                LcpSettings.defaults(), new IpcpSettings.Client(true), MppePolicy.defaults(), Duration.ofSeconds(60));
    }
}
