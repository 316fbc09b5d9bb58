package io.pptpgw.gateway;

import io.pptpgw.admin.ActiveSession;
import io.pptpgw.config.Authentication;
import io.pptpgw.config.GatewayConfig;
import io.pptpgw.dataplane.DataPlane;
import io.pptpgw.dataplane.DataPlaneSettings;
import io.pptpgw.dataplane.PoolRoutes;
import io.pptpgw.dataplane.Tunnel;
import io.pptpgw.metrics.Readiness;
import io.pptpgw.net.ProcessCommandRunner;
import io.pptpgw.node.NodeProgrammer;
import io.pptpgw.node.NodeProgrammingObserver;
import io.pptpgw.ppp.LinkSettings;
import io.pptpgw.ppp.NetworkParameters;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.Authenticator;
import io.pptpgw.ppp.auth.ChapMd5;
import io.pptpgw.ppp.auth.LoginThrottle;
import io.pptpgw.ppp.auth.MsChapV2;
import io.pptpgw.ppp.auth.Pap;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import io.pptpgw.ppp.ccp.MppeMode;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import io.pptpgw.pptp.server.CallIds;
import io.pptpgw.pptp.server.ControlConnectionObserver;
import io.pptpgw.pptp.server.ControlServerSettings;
import io.pptpgw.pptp.server.PptpControlServer;
import io.pptpgw.session.AddressPool;
import io.pptpgw.session.SessionManager;
import io.pptpgw.session.SessionObserver;
import io.pptpgw.session.WanMarks;
import io.pptpgw.sys.RawGreSocket;
import io.pptpgw.tun.Ipv4Prefix;
import io.pptpgw.tun.LinuxTunDevice;
import io.pptpgw.tun.TunSettings;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: the pieces of the data plane and the node programming wired from a {@link GatewayConfig}.
 *
 * <pre>
 * credentials, lockout, address pool
 * TUN device (the pool's first address) + raw GRE socket -> DataPlane (GRE and TUN workers)
 * SessionManager (admission, sessions) <- PptpControlServer (TCP 1723)
 * NodeProgrammer (our nftables table, policy routing, drift repair)
 * </pre>
 *
 * Started in that order and closed in reverse: peers get a Stop-Control-Connection-Request before the data path
 * and the rules go away.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** Observers of everything the gateway does; metrics implement all three. */
    public record Observers(ControlConnectionObserver control, SessionObserver sessions, NodeProgrammingObserver node) {
        public static final Observers NONE =
                new Observers(ControlConnectionObserver.NONE, SessionObserver.NONE, NodeProgrammingObserver.NONE);
    }

    private final GatewayConfig config;
    private final AddressPool pool;
    private final LoginThrottle throttle;
    private final LinuxTunDevice tun;
    private final RawGreSocket gre;
    private final DataPlane dataPlane;
    private final SessionManager sessions;
    private final NodeProgrammer node;
    private final PptpControlServer control;

    private Gateway(GatewayConfig config, CredentialStore credentials, boolean programNode, Observers observers)
            throws IOException {
        this.config = config;
        this.pool = new AddressPool(config.clientPool());
        this.throttle = new LoginThrottle(lockoutPolicy(config.authentication().lockout()));
        String hostName = hostName();
        this.tun = LinuxTunDevice.open(TunSettings.of(config.tunnelInterface().name(), config.mtu())
                .withAddress(new Ipv4Prefix(
                        pool.gatewayAddress().bits(), config.clientPool().prefixLength())));
        this.gre = RawGreSocket.open(RawGreSocket.Options.DEFAULTS.withBindAddress(
                config.listen().address().bits()));
        this.dataPlane = new DataPlane(
                gre,
                tun,
                new PoolRoutes(config.clientPool().network().bits(), (int)
                        config.clientPool().size()),
                true,
                DataPlaneSettings.DEFAULTS);
        dataPlane.start();
        CallIds callIds = new CallIds();
        this.sessions = new SessionManager(
                linkSettings(config, pool),
                new SessionManager.Limits(
                        config.limits().maxSessions(),
                        config.limits().setupsPerSecond(),
                        config.limits().idleTimeout()),
                dataPlane,
                callIds,
                authenticators(hostName, credentials, throttle),
                new WanMarks(config.wans()),
                observers.sessions());
        this.node = programNode ? NodeProgrammer.create(config, ProcessCommandRunner.host(), observers.node()) : null;
        if (node != null) {
            node.start();
        }
        this.control = PptpControlServer.start(
                new InetSocketAddress(
                        config.listen().address().toInetAddress(),
                        config.listen().port().number()),
                0,
                ControlServerSettings.defaults(hostName)
                        .withEcho(
                                config.keepalive().interval(),
                                config.keepalive().maxFailures())
                        .withMaxConnectionsPerSource(config.limits().maxControlConnectionsPerSource()),
                sessions,
                callIds,
                observers.control());
        log.info(
                "gateway {} listening on {} ({}), pool {} on {}, {} sessions at most, encryption {}",
                config.name(),
                control.localAddress(),
                control.transport(),
                config.clientPool(),
                tun.name(),
                config.limits().maxSessions(),
                config.authentication().encryption());
    }

    /**
     * Starts a gateway. Needs CAP_NET_ADMIN and CAP_NET_RAW (TUN, raw GRE socket, nftables) in the network namespace
     * of the calling thread.
     *
     * @param programNode whether to install and maintain our nftables table and policy routing
     */
    public static Gateway start(
            GatewayConfig config, CredentialStore credentials, boolean programNode, Observers observers)
            throws IOException {
        return new Gateway(config, credentials, programNode, observers);
    }

    /** Ready for clients: the listener is bound and, when we program the node, our rules are in place. */
    public Readiness readiness() {
        return Readiness.allOf(
                Readiness.when(control::isListening, "the PPTP listener is not up"),
                Readiness.when(() -> node == null || node.inPlace(), "the node's rules are not programmed"));
    }

    /** The live sessions with their figures, for the admin socket ({@code pptpgw sessions}). */
    public List<ActiveSession> activeSessions() {
        long nowNanos = System.nanoTime();
        Instant now = Instant.now();
        return sessions.sessions().stream()
                .map(session -> {
                    Tunnel tunnel = session.tunnel();
                    long lastReceive = tunnel.lastReceiveNanos();
                    NetworkParameters parameters = session.parameters();
                    return new ActiveSession(
                            session.user(),
                            tunnel.spec().localCallId(),
                            session.peer(),
                            parameters == null ? "" : parameters.peerAddress().getHostAddress(),
                            session.encryption(),
                            session.started(),
                            tunnel.receivedPackets(),
                            tunnel.receivedBytes(),
                            tunnel.sentPackets(),
                            tunnel.sentBytes(),
                            lastReceive == 0 ? session.started() : now.minusNanos(nowNanos - lastReceive));
                })
                .toList();
    }

    public GatewayConfig config() {
        return config;
    }

    public int port() {
        return control.port();
    }

    public AddressPool pool() {
        return pool;
    }

    public LoginThrottle throttle() {
        return throttle;
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    public SessionManager sessions() {
        return sessions;
    }

    /** The node programmer, or null when the gateway does not program the node. */
    public NodeProgrammer node() {
        return node;
    }

    @Override
    public void close() {
        log.info("gateway {} stopping: {} sessions", config.name(), sessions.sessionCount());
        control.close(Duration.ofSeconds(3));
        dataPlane.close();
        gre.close();
        tun.close();
        if (node != null) {
            node.close();
        }
        log.info("gateway {} stopped", config.name());
    }

    static LinkSettings linkSettings(GatewayConfig config, AddressPool pool) {
        Authentication authentication = config.authentication();
        LcpSettings lcp = LcpSettings.defaults()
                .withAuthenticationMethods(authentication.methods())
                .withEcho(config.keepalive().interval(), config.keepalive().maxFailures());
        lcp = new LcpSettings(
                config.mtu(),
                lcp.authenticationMethods(),
                lcp.requestProtocolFieldCompression(),
                lcp.requestAddressAndControlFieldCompression(),
                lcp.echoInterval(),
                lcp.echoMaximumFailures(),
                lcp.magicNumbers());
        List<Inet4Address> dns = config.dns().stream()
                .map(address -> (Inet4Address) address.toInetAddress())
                .toList();
        return new LinkSettings(
                lcp,
                new IpcpSettings.Server((Inet4Address) pool.gatewayAddress().toInetAddress(), dns, pool),
                mppePolicy(authentication),
                Duration.ofSeconds(30));
    }

    private static MppePolicy mppePolicy(Authentication authentication) {
        Authentication.Mppe mppe = authentication.mppe();
        MppePolicy policy = new MppePolicy(
                switch (authentication.encryption()) {
                    case REQUIRED -> MppePolicy.Encryption.REQUIRED;
                    case OPTIONAL -> MppePolicy.Encryption.OPTIONAL;
                    case OFF -> MppePolicy.Encryption.OFF;
                },
                mppe.allowStateful(),
                mppe.allow40Bit());
        return mppe.preferStateful() ? policy.preferring(new MppeMode(MppeMode.KeyLength.BITS_128, false)) : policy;
    }

    private static BiFunction<AuthProtocol, InetAddress, Authenticator> authenticators(
            String hostName, CredentialStore credentials, LoginThrottle throttle) {
        SecureRandom random = new SecureRandom();
        return (method, peer) -> switch (method) {
            case MSCHAP_V2 -> new MsChapV2(hostName, credentials, throttle, peer, random);
            case CHAP_MD5 -> new ChapMd5(hostName, credentials, throttle, peer, random);
            case PAP -> new Pap(credentials, throttle, peer);
        };
    }

    private static LoginThrottle.Policy lockoutPolicy(Authentication.Lockout lockout) {
        return lockout.maxFailures() <= 0
                ? LoginThrottle.Policy.OFF
                : new LoginThrottle.Policy(lockout.maxFailures(), lockout.window(), lockout.duration());
    }

    /** Our name in Start-Control-Connection-Reply and CHAP challenges: the node's host name. */
    static String hostName() {
        String name = System.getenv("NODE_NAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname"))
                        .strip();
            } catch (IOException e) {
                name = "pptpgw";
            }
        }
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
