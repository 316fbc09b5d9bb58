package io.pptpgw.session;

import io.pptpgw.client.PptpClient;
import io.pptpgw.client.control.ClientSettings;
import io.pptpgw.dataplane.DataPlane;
import io.pptpgw.dataplane.DataPlaneSettings;
import io.pptpgw.dataplane.PoolRoutes;
import io.pptpgw.gre.GreSocket;
import io.pptpgw.gre.memory.InMemoryGreLink;
import io.pptpgw.net.Cidr;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.LinkSettings;
import io.pptpgw.ppp.auth.LoginThrottle;
import io.pptpgw.ppp.auth.MsChapV2;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import io.pptpgw.pptp.server.CallIds;
import io.pptpgw.pptp.server.ControlConnectionObserver;
import io.pptpgw.pptp.server.ControlServerSettings;
import io.pptpgw.pptp.server.PptpControlServer;
import io.pptpgw.sys.Ipv4;
import io.pptpgw.tun.InMemoryTun;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;

/**
 * Our gateway and our client in one process: real TCP on loopback for the control channel, an in-memory GRE link
 * and in-memory TUN devices for the data path (wireguard-go's genTestPair idea).
 */
final class InMemoryGateway implements AutoCloseable {
    static final Cidr POOL = Cidr.parse("10.250.0.0/24");
    static final Inet4Address DNS =
            (Inet4Address) Ipv4Address.parse("10.96.0.10").toInetAddress();

    final AddressPool pool = new AddressPool(POOL);
    final InMemoryTun serverTun = new InMemoryTun("server", 4096);
    final InMemoryTun clientTun = new InMemoryTun("client", 4096);
    final InMemoryGreLink link;
    final DataPlane serverDataPlane;
    final SessionManager sessions;
    final PptpControlServer server;
    final PptpClient client;

    InMemoryGateway(InMemoryGreLink.Impairment impairment, MppePolicy serverPolicy, Map<String, String> users) {
        this(impairment, serverPolicy, users, UnaryOperator.identity());
    }

    /** @param serverSocket wraps the gateway's end of the GRE link, e.g. to tamper with what it receives */
    InMemoryGateway(
            InMemoryGreLink.Impairment impairment,
            MppePolicy serverPolicy,
            Map<String, String> users,
            UnaryOperator<GreSocket> serverSocket) {
        int loopback = Ipv4.parse("127.0.0.1");
        link = new InMemoryGreLink(loopback, loopback, impairment);
        serverDataPlane = new DataPlane(
                serverSocket.apply(link.a()),
                serverTun,
                new PoolRoutes(POOL.network().bits(), (int) POOL.size()),
                true,
                DataPlaneSettings.DEFAULTS);
        serverDataPlane.start();
        CredentialStore store = CredentialStore.of(users.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Credential.parse(e.getValue()))));
        LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.DEFAULT);
        SecureRandom random = new SecureRandom();
        LinkSettings serverLink = new LinkSettings(
                LcpSettings.defaults(),
                new IpcpSettings.Server((Inet4Address) pool.gatewayAddress().toInetAddress(), List.of(DNS), pool),
                serverPolicy,
                Duration.ofSeconds(10));
        CallIds callIds = new CallIds();
        sessions = new SessionManager(
                serverLink,
                new SessionManager.Limits(100, 1000, Duration.ZERO),
                serverDataPlane,
                callIds,
                (method, peer) -> new MsChapV2("pptpgw", store, throttle, peer, random),
                new WanMarks(List.of()),
                SessionObserver.NONE);
        server = PptpControlServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                1,
                ControlServerSettings.defaults("pptpgw"),
                sessions,
                callIds,
                ControlConnectionObserver.NONE);
        client = new PptpClient(link.b(), clientTun, ClientSettings.defaults(), DataPlaneSettings.DEFAULTS);
    }

    InetSocketAddress serverAddress() {
        return new InetSocketAddress("127.0.0.1", server.port());
    }

    /**
     * The client's link is up when it has the gateway's last Configure-Ack; the gateway's may come up a moment later,
     * and until then it drops the client's IP. Tests that count every packet wait for both.
     */
    void awaitGatewaySessionUp() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> sessions.sessions().stream().anyMatch(s -> s.parameters() != null));
    }

    static LinkSettings clientLink(MppePolicy policy) {
        return new LinkSettings(LcpSettings.defaults(), new IpcpSettings.Client(true), policy, Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        client.close();
        server.close(Duration.ofSeconds(1));
        serverDataPlane.close();
        link.close();
    }
}
