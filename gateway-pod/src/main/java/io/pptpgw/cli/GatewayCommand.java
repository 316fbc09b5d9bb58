package io.pptpgw.cli;

import io.pptpgw.accounting.AccountingLog;
import io.pptpgw.admin.AdminServer;
import io.pptpgw.config.GatewayConfig;
import io.pptpgw.config.GatewayConfigLoader;
import io.pptpgw.config.InvalidConfigException;
import io.pptpgw.gateway.Gateway;
import io.pptpgw.metrics.GatewayMetrics;
import io.pptpgw.metrics.MetricsServer;
import io.pptpgw.metrics.Readiness;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import io.pptpgw.ppp.auth.credentials.FileCredentialStore;
import io.pptpgw.session.SessionObserver;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pptpgw gateway}: runs a gateway until SIGTERM, from the PptpGateway YAML a user gives {@code kubectl apply}
 * (Kubernetes-only fields are ignored) and a users file in the Secret's shape. Without arguments it runs the embedded
 * default (port 1723, pool 10.250.0.0/24, MS-CHAPv2 with MPPE-128) with one generated user.
 *
 * <p>Order: metrics endpoint first (so {@code /healthz} answers and {@code /readyz} says why not while the node's
 * pool is awaited), then the gateway, then the admin socket. Shutdown turns {@code /readyz} to 503 first, then
 * runs in reverse, so the endpoint reports the stop (and the listener gone) until the gateway has closed.
 */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Run a PPTP gateway on this machine (needs root, or CAP_NET_ADMIN and CAP_NET_RAW).")
public final class GatewayCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(GatewayCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "A PptpGateway YAML file.")
    private Path config;

    @Option(
            names = "--node-pools",
            paramLabel = "FILE",
            description = "The operator's node -> pool map; the gateway serves its node's pool.")
    private Path nodePools;

    @Option(
            names = "--node",
            paramLabel = "NAME",
            defaultValue = "${env:NODE_NAME}",
            description = "This node's name in --node-pools (default: $NODE_NAME).")
    private String node;

    @Option(
            names = "--users",
            paramLabel = "FILE|DIR",
            description = "Users: a YAML file (alice: secret, bob: nthash:<hex>) or a Secret volume directory.")
    private Path users;

    @Option(
            names = "--no-node-programming",
            description = "Do not install nftables rules and policy routing (they must then exist by other means).")
    private boolean noNodeProgramming;

    @Option(
            names = "--metrics-address",
            paramLabel = "ADDRESS",
            defaultValue = "0.0.0.0",
            description =
                    "Where /metrics, /healthz and /readyz listen (port: spec.metrics.port; default ${DEFAULT-VALUE}).")
    private String metricsAddress;

    @Option(
            names = "--admin-socket",
            paramLabel = "PATH",
            description = "The admin socket for pptpgw sessions (default /run/pptpgw/<gateway>.sock).")
    private Path adminSocket;

    @Override
    public Integer call() throws Exception {
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("pptpgw-housekeeping").daemon().factory());
        PrometheusRegistry registry = new PrometheusRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry, Version.current());
        AtomicReference<Gateway> running = new AtomicReference<>();
        GatewayConfig initial =
                config == null ? GatewayConfigLoader.embeddedDefault() : GatewayConfigLoader.load(config);
        AtomicBoolean stopping = new AtomicBoolean();
        MetricsServer metricsServer = MetricsServer.start(
                new InetSocketAddress(metricsAddress, initial.metricsPort().number()),
                registry,
                Readiness.allOf(
                        Readiness.when(() -> !stopping.get(), "the gateway is stopping"),
                        () -> Optional.ofNullable(running.get())
                                .map(gateway -> gateway.readiness().notReadyBecause())
                                .orElse(Optional.of("the gateway is starting"))));
        GatewayConfig gatewayConfig = nodePools == null ? initial : awaitNodePool();
        CredentialStore credentials = credentials(housekeeping);
        Gateway gateway = Gateway.start(
                gatewayConfig,
                credentials,
                !noNodeProgramming,
                new Gateway.Observers(metrics, SessionObserver.all(metrics, new AccountingLog()), metrics));
        attach(metrics, gateway);
        running.set(gateway);
        AdminServer admin = startAdmin(gateway);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("pptpgw-shutdown").unstarted(() -> {
                    // Not ready from here on, with the gateway's own reasons as its parts close (listener first).
                    stopping.set(true);
                    if (admin != null) {
                        admin.close();
                    }
                    gateway.close();
                    metricsServer.close();
                    housekeeping.shutdownNow();
                    stopped.countDown();
                }));
        System.out.printf(
                "pptpgw gateway %s listening on port %d, metrics on %s%n",
                gatewayConfig.name(), gateway.port(), metricsServer.address());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static void attach(GatewayMetrics metrics, Gateway gateway) {
        metrics.attach(gateway.dataPlane());
        metrics.attach(gateway.pool());
        metrics.attach(gateway.throttle());
        if (gateway.node() != null) {
            metrics.attach(gateway.node());
        }
    }

    private AdminServer startAdmin(Gateway gateway) {
        Path socket = adminSocket != null
                ? adminSocket
                : AdminServer.defaultSocket(gateway.config().name());
        try {
            return AdminServer.start(socket, gateway::activeSessions);
        } catch (IOException | RuntimeException e) {
            log.warn("no admin socket at {} (pptpgw sessions will not reach this gateway): {}", socket, e.getMessage());
            return null;
        }
    }

    /** In a pod the node's line may appear in node-pools.yaml after the pod starts: wait for it, not ready. */
    private GatewayConfig awaitNodePool() throws InterruptedException {
        while (true) {
            try {
                return GatewayConfigLoader.load(config, nodePools, node);
            } catch (InvalidConfigException e) {
                if (e.problems().stream().noneMatch(problem -> problem.contains("node"))) {
                    throw e;
                }
                log.warn("waiting for this node's pool: {}", e.getMessage());
                TimeUnit.SECONDS.sleep(5);
            }
        }
    }

    private CredentialStore credentials(ScheduledExecutorService housekeeping) throws IOException {
        if (users == null) {
            if (config != null) {
                throw new IllegalArgumentException("--users is required with --config");
            }
            byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            System.out.printf("generated user: pptpgw  password: %s  (shown once)%n", password);
            return CredentialStore.of(Map.of("pptpgw", new Credential.Password(password)));
        }
        FileCredentialStore store = FileCredentialStore.open(users);
        housekeeping.scheduleWithFixedDelay(
                () -> {
                    switch (store.reloadIfChanged()) {
                        case FileCredentialStore.ReloadOutcome.Unchanged unchanged -> {}
                        case FileCredentialStore.ReloadOutcome.Reloaded reloaded ->
                            log.info("users {} reloaded: {} users; live sessions untouched", users, reloaded.users());
                        case FileCredentialStore.ReloadOutcome.Rejected rejected ->
                            log.warn("users {} not reloaded, the previous users stay: {}", users, rejected.problems());
                    }
                },
                2,
                2,
                TimeUnit.SECONDS);
        return store;
    }
}
