package io.pptpgw.cli;

import io.pptpgw.client.ClientSession;
import io.pptpgw.client.Pinger;
import io.pptpgw.client.PptpClient;
import io.pptpgw.client.control.ClientSettings;
import io.pptpgw.dataplane.DataPathStats;
import io.pptpgw.dataplane.DataPlaneSettings;
import io.pptpgw.dataplane.Drop;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.LinkSettings;
import io.pptpgw.ppp.NetworkParameters;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.ccp.MppeMode;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import io.pptpgw.session.SessionSetupException;
import io.pptpgw.sys.RawGreSocket;
import io.pptpgw.tun.InMemoryTun;
import io.pptpgw.tun.Ipv4Prefix;
import io.pptpgw.tun.LinuxTunDevice;
import io.pptpgw.tun.TunDevice;
import io.pptpgw.tun.TunSettings;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pptpgw probe}: dials a PPTP server with our client, prints every negotiated option and the assigned
 * address, pings through the tunnel and prints the round trips. Exit 0 when the tunnel came up (and every ping was
 * answered), 1 when it did not, 2 for a usage error. With {@code --tun} the tunnel gets a real TUN device, so the
 * kernel's own tools can use it while {@code --hold} keeps it up.
 */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Dial a PPTP server, show what was negotiated, and ping through the tunnel (needs CAP_NET_RAW).")
public final class ProbeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "HOST[:PORT]", description = "The PPTP server.")
    private String server;

    @Option(names = "--user", required = true, paramLabel = "USER")
    private String user;

    @Option(
            names = "--password-file",
            required = true,
            paramLabel = "FILE",
            description = "A file holding the password (or nthash:<hex>) on its first line.")
    private Path passwordFile;

    @Option(names = "--ping", paramLabel = "ADDRESS", description = "Ping this address through the tunnel.")
    private String ping;

    @Option(names = "--count", defaultValue = "3", description = "Pings to send (default ${DEFAULT-VALUE}).")
    private int count;

    @Option(
            names = "--encryption",
            defaultValue = "required",
            description = "MPPE: required, optional or off (default ${DEFAULT-VALUE}).")
    private String encryption;

    @Option(
            names = "--stateful",
            description = "Ask for stateful MPPE instead of stateless (settles for stateless if the server refuses).")
    private boolean stateful;

    @Option(names = "--allow-40bit", description = "Accept 40-bit MPPE keys.")
    private boolean allow40Bit;

    @Option(
            names = "--ask-40bit",
            description =
                    "Ask for 40-bit MPPE keys, as an old client would (settles for 128-bit if the server refuses).")
    private boolean ask40Bit;

    @Option(
            names = "--auth",
            split = ",",
            defaultValue = "MSCHAP_V2",
            description = "Methods we accept, in order: MSCHAP_V2, CHAP_MD5, PAP (default ${DEFAULT-VALUE}).")
    private List<AuthProtocol> methods;

    @Option(names = "--tun", paramLabel = "NAME", description = "Carry the tunnel on a real TUN device of this name.")
    private String tunName;

    @Option(
            names = "--route",
            paramLabel = "CIDR",
            description = "With --tun: route this network through the tunnel (repeatable).")
    private List<String> routes = new ArrayList<>();

    @Option(names = "--hold", description = "Stay connected until interrupted (SIGTERM hangs up cleanly).")
    private boolean hold;

    @Option(names = "--timeout", defaultValue = "20", description = "Seconds to wait for the link (default 20).")
    private int timeoutSeconds;

    @Option(
            names = "--stats",
            description = "On hang-up, print the data path's counters (GRE, reordering, loss, MPPE, drops by reason).")
    private boolean stats;

    private final AtomicBoolean hungUp = new AtomicBoolean();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InetSocketAddress address = serverAddress();
        Credential credential = Credential.parse(firstLine(passwordFile));
        TunDevice tun =
                tunName == null ? new InMemoryTun("probe", 1024) : LinuxTunDevice.open(TunSettings.of(tunName, 1400));
        try (RawGreSocket gre = RawGreSocket.open(RawGreSocket.Options.DEFAULTS);
                PptpClient client = new PptpClient(gre, tun, ClientSettings.defaults(), DataPlaneSettings.DEFAULTS)) {
            ClientSession session;
            try {
                session = client.dial(address, user, credential, linkSettings()).get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                out.printf("FAILED: %s%n", reason(e.getCause()));
                return 1;
            } catch (TimeoutException e) {
                out.printf("FAILED: no link within %d s%n", timeoutSeconds);
                return 1;
            }
            describe(out, session);
            if (tun instanceof LinuxTunDevice device) {
                configure(device, session);
            }
            boolean pingsAnswered = ping == null || ping(out, tun, session);
            out.flush();
            if (hold) {
                out.println("holding the tunnel up; SIGTERM hangs up");
                out.flush();
                holdUntilInterrupted(() -> hangUp(out, session, client.dataPlane()), session);
            }
            hangUp(out, session, client.dataPlane());
            return pingsAnswered ? 0 : 1;
        } finally {
            tun.close();
        }
    }

    private LinkSettings linkSettings() {
        MppePolicy.Encryption policy = switch (encryption) {
            case "required" -> MppePolicy.Encryption.REQUIRED;
            case "optional" -> MppePolicy.Encryption.OPTIONAL;
            case "off" -> MppePolicy.Encryption.OFF;
            default ->
                throw new IllegalArgumentException(
                        "--encryption " + encryption + " is not one of required, optional, off");
        };
        return new LinkSettings(
                LcpSettings.defaults().withAuthenticationMethods(methods),
                new IpcpSettings.Client(true),
                new MppePolicy(policy, stateful, allow40Bit)
                        .preferring(new MppeMode(
                                ask40Bit ? MppeMode.KeyLength.BITS_40 : MppeMode.KeyLength.BITS_128, !stateful)),
                Duration.ofSeconds(timeoutSeconds));
    }

    private static void describe(PrintWriter out, ClientSession session) {
        NetworkParameters p = session.parameters();
        out.printf("connected: call %d <-> %d%n", session.callId(), session.peerCallId());
        out.printf("address: %s%n", p.localAddress().getHostAddress());
        out.printf("server address: %s%n", p.peerAddress().getHostAddress());
        out.printf(
                "dns: %s%n",
                p.dnsServers().isEmpty()
                        ? "none"
                        : String.join(
                                " ",
                                p.dnsServers().stream()
                                        .map(InetAddress::getHostAddress)
                                        .toList()));
        out.printf("mru: ours %d, server's %d%n", p.localMru(), p.peerMru());
        out.printf(
                "compression: acfc %s, pfc %s%n",
                p.compressAddressAndControlOnSend() ? "on" : "off", p.compressProtocolFieldOnSend() ? "on" : "off");
        out.printf("encryption: %s%n", session.encryption());
    }

    private void configure(LinuxTunDevice device, ClientSession session) throws java.io.IOException {
        int address = Ipv4Address.of(session.address()).bits();
        List<Ipv4Prefix> prefixes = new ArrayList<>();
        prefixes.add(new Ipv4Prefix(Ipv4Address.of(session.serverAddress()).bits(), 32));
        for (String route : routes) {
            prefixes.add(Ipv4Prefix.parse(route));
        }
        device.configure(TunSettings.of(device.name(), 1400)
                .withAddress(new Ipv4Prefix(address, 32))
                .withRoutes(prefixes));
    }

    private boolean ping(PrintWriter out, TunDevice tun, ClientSession session) throws Exception {
        if (!(tun instanceof InMemoryTun memory)) {
            Process process = new ProcessBuilder("ping", "-c", Integer.toString(count), "-W", "2", ping)
                    .redirectErrorStream(true)
                    .start();
            out.print(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            return process.waitFor() == 0;
        }
        Pinger pinger = new Pinger(memory, Ipv4Address.of(session.address()).bits());
        int destination = Ipv4Address.parse(ping).bits();
        int answered = 0;
        for (int sequence = 1; sequence <= count; sequence++) {
            Optional<Duration> rtt = pinger.ping(destination, sequence, Duration.ofSeconds(2));
            if (rtt.isPresent()) {
                answered++;
                out.printf(
                        "reply from %s: seq=%d time=%.3f ms%n",
                        ping, sequence, rtt.get().toNanos() / 1e6);
            } else {
                out.printf("no reply from %s: seq=%d%n", ping, sequence);
            }
            out.flush();
        }
        out.printf("%d/%d pings answered%n", answered, count);
        return answered == count;
    }

    /** Hangs up once (from the main thread or the SIGTERM hook, whichever comes first) and says so. */
    private void hangUp(PrintWriter out, ClientSession session, DataPathStats dataPath) {
        if (!hungUp.compareAndSet(false, true)) {
            return;
        }
        try {
            session.hangUp().get(5, TimeUnit.SECONDS);
            out.println("hung up");
        } catch (Exception e) {
            out.println("hang-up unfinished: " + e);
        }
        if (stats) {
            out.println(statsLine(dataPath));
        }
        out.flush();
    }

    /** One line of {@code name=value} pairs; drops only for reasons that happened. */
    static String statsLine(DataPathStats dataPath) {
        StringBuilder line = new StringBuilder("stats:")
                .append(" gre_received_packets=")
                .append(dataPath.greReceivedPackets())
                .append(" gre_sent_packets=")
                .append(dataPath.greSentPackets())
                .append(" reordered=")
                .append(dataPath.reordered())
                .append(" late=")
                .append(dataPath.late())
                .append(" lost=")
                .append(dataPath.lost())
                .append(" mppe_rekeys=")
                .append(dataPath.mppeRekeys())
                .append(" mppe_resyncs=")
                .append(dataPath.mppeResyncs());
        for (Drop reason : Drop.values()) {
            long dropped = dataPath.dropped(reason);
            if (dropped > 0) {
                line.append(" dropped_").append(reason.layer()).append('_').append(reason.reason());
                line.append('=').append(dropped);
            }
        }
        return line.toString();
    }

    /** Until SIGTERM (the hook hangs up) or the server ends the session. */
    private static void holdUntilInterrupted(Runnable hangUp, ClientSession session) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            hangUp.run();
            done.countDown();
        }));
        session.ended().whenComplete((summary, error) -> done.countDown());
        done.await();
    }

    private InetSocketAddress serverAddress() {
        int colon = server.lastIndexOf(':');
        return colon < 0
                ? new InetSocketAddress(server, 1723)
                : new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)));
    }

    private static String firstLine(Path file) throws java.io.IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .findFirst()
                .map(String::strip)
                .orElseThrow(() -> new IllegalArgumentException(file + " is empty"));
    }

    private static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof SessionSetupException)) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
