package io.pptpgw.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.pptpgw.dataplane.DataPlane;
import io.pptpgw.dataplane.DataPlaneSettings;
import io.pptpgw.dataplane.PoolRoutes;
import io.pptpgw.dataplane.TunnelSpec;
import io.pptpgw.gre.EnhancedGreHeader;
import io.pptpgw.gre.GreSocket;
import io.pptpgw.gre.PacketBatch;
import io.pptpgw.gre.memory.InMemoryGreLink;
import io.pptpgw.net.Cidr;
import io.pptpgw.ppp.LinkRole;
import io.pptpgw.ppp.LinkSettings;
import io.pptpgw.ppp.PppFrameView;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import io.pptpgw.sys.Ipv4;
import io.pptpgw.tun.InMemoryTun;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a gateway's session opens LCP: on the client's first frame, or after {@link Session#PEER_OPENS_WITHIN} of
 * silence, never before. A client's data path may take GRE for a new call only a moment after the
 * Outgoing-Call-Reply, and a Configure-Request lost that way costs the 3 s restart timer. The event loop's clock is
 * frozen, so the fallback fires exactly when the test moves time on.
 */
class SessionStartTest {
    private static final int LCP = 0xC021;
    private static final int CONFIGURE_REQUEST = 1;
    private static final int CONFIGURE_ACK = 2;
    private static final int GATEWAY = Ipv4.parse("203.0.113.2");
    private static final int CLIENT = Ipv4.parse("203.0.113.10");

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final InMemoryGreLink link = new InMemoryGreLink(GATEWAY, CLIENT, InMemoryGreLink.Impairment.NONE);
    private final InMemoryTun tun = new InMemoryTun("gateway", 64);
    private final DataPlane dataPlane = new DataPlane(
            link.a(), tun, new PoolRoutes(Ipv4.parse("10.250.0.0"), 256), true, DataPlaneSettings.DEFAULTS);
    private final PacketBatch batch = new PacketBatch(16, 2048);

    @AfterEach
    void close() {
        dataPlane.close();
        link.close();
        batch.close();
        channel.finishAndReleaseAll();
    }

    @Test
    void aGatewayOpensLcpWhenTheClientsFirstFrameArrivesNotBefore() throws Exception {
        Session session = gatewaySession();
        session.start();
        channel.runPendingTasks();

        assertThat(lcpCodesReceived(1, Duration.ofMillis(300)))
                .as("sent before the client spoke")
                .isEmpty();

        session.receiveControl(LCP, new byte[] {CONFIGURE_REQUEST, 1, 0, 4});
        channel.runPendingTasks();

        assertThat(lcpCodesReceived(2, Duration.ofSeconds(10))).containsExactly(CONFIGURE_REQUEST, CONFIGURE_ACK);
    }

    @Test
    void aGatewayOpensLcpItselfWhenTheClientStaysSilent() throws Exception {
        Session session = gatewaySession();
        session.start();
        channel.runPendingTasks();
        assertThat(lcpCodesReceived(1, Duration.ofMillis(300))).isEmpty();

        channel.advanceTimeBy(Session.PEER_OPENS_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(lcpCodesReceived(1, Duration.ofSeconds(10))).containsExactly(CONFIGURE_REQUEST);
    }

    private Session gatewaySession() {
        channel.freezeTime();
        dataPlane.start();
        AddressPool pool = new AddressPool(Cidr.parse("10.250.0.0/24"));
        LinkSettings settings = new LinkSettings(
                LcpSettings.defaults(),
                new IpcpSettings.Server((Inet4Address) pool.gatewayAddress().toInetAddress(), List.of(), pool),
                MppePolicy.defaults(),
                Duration.ofSeconds(10));
        return new Session(
                new LinkRole.Server(method -> {
                    throw new AssertionError("no authentication before LCP is open");
                }),
                settings,
                channel.eventLoop(),
                dataPlane,
                new TunnelSpec(1, 2, CLIENT, GATEWAY, 0, 64, 0),
                new InetSocketAddress("203.0.113.10", 40000),
                SessionObserver.NONE,
                (ended, cause, reason) -> {});
    }

    /** The codes of the first {@code count} LCP packets the client's end of the link receives within {@code wait}. */
    private List<Integer> lcpCodesReceived(int count, Duration wait) {
        GreSocket client = link.b();
        List<Integer> codes = new ArrayList<>();
        EnhancedGreHeader header = new EnhancedGreHeader();
        PppFrameView frame = new PppFrameView();
        long deadline = System.nanoTime() + wait.toNanos();
        while (codes.size() < count && System.nanoTime() < deadline) {
            int received = client.receive(batch);
            if (received <= 0) {
                client.awaitReceive(TimeUnit.MILLISECONDS.toNanos(20));
                continue;
            }
            for (int slot = 0; slot < received; slot++) {
                if (header.parse(batch.segment(), batch.packetOffset(slot), batch.length(slot))
                        && header.hasSequenceNumber()
                        && frame.parse(batch.segment(), header.payloadOffset(), header.payloadLength())
                        && frame.protocol() == LCP) {
                    codes.add((int) batch.segment().get(ValueLayout.JAVA_BYTE, frame.informationOffset()));
                }
            }
        }
        return codes;
    }
}
