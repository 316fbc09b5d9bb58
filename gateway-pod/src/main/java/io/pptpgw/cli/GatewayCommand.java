package io.pptpgw.cli;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.config.GatewayConfigLoader;
import io.pptpgw.config.InvalidConfigException;
import io.pptpgw.gateway.Gateway;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import io.pptpgw.ppp.auth.credentials.FileCredentialStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pptpgw gateway}: runs a gateway until SIGTERM, from the PptpGateway YAML a user gives {@code kubectl apply}
 * (Kubernetes-only fields are ignored) and a users file in the Secret's shape. Without arguments it runs the embedded
 * default (port 1723, pool 10.250.0.0/24, MS-CHAPv2 with MPPE-128) with one generated user.
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

    @Override
    public Integer call() throws Exception {
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("pptpgw-housekeeping").daemon().factory());
        GatewayConfig gatewayConfig = loadConfig();
        CredentialStore credentials = credentials(housekeeping);
        Gateway gateway = Gateway.start(gatewayConfig, credentials, !noNodeProgramming, Gateway.Observers.NONE);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("pptpgw-shutdown").unstarted(() -> {
                    gateway.close();
                    housekeeping.shutdownNow();
                    stopped.countDown();
                }));
        System.out.printf("pptpgw gateway %s listening on port %d%n", gatewayConfig.name(), gateway.port());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** In a pod the node's line may appear in node-pools.yaml after the pod starts: wait for it, not ready. */
    private GatewayConfig loadConfig() throws InterruptedException {
        if (config == null) {
            return GatewayConfigLoader.embeddedDefault();
        }
        if (nodePools == null) {
            return GatewayConfigLoader.load(config);
        }
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
