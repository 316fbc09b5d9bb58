package io.pptpgw.node;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.config.Wan;
import io.pptpgw.net.CommandRunner;
import io.pptpgw.net.Sysctl;
import io.pptpgw.nft.Nft;
import io.pptpgw.nft.NftCli;
import io.pptpgw.nft.NftException;
import io.pptpgw.nft.NftScript;
import io.pptpgw.nft.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Programs the node for one gateway and keeps it programmed.
 *
 * <pre>
 * start()  -> program(): ip_forward=1, loose rp_filter on WANs; nft --check + nft -f (replace our table atomically, whatever a crashed
 *             predecessor left); snapshot `nft list table`; ip rules and WAN routes converged to the config
 *          -> every driftInterval: checkForDrift(): fresh listing vs snapshot, our ip rules/routes vs the config,
 *             ip_forward; any difference -> program() again, one repair counted
 * close()  -> stop checking; remove our table, our ip rules and routes (ip_forward and rp_filter are left as
 *             they are: others may need them)
 * </pre>
 *
 * The listing is compared with the listing taken right after applying, never with our own rendering, so nft's
 * pretty-printer never has to be imitated. Nothing but our table, our tagged rules and routes and ip_forward is
 * ever touched.
 */
public final class NodeProgrammer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeProgrammer.class);
    public static final Duration DEFAULT_DRIFT_INTERVAL = Duration.ofSeconds(5);
    private static final Pattern HANDLE = Pattern.compile("\\s*# handle \\d+");
    private static final String RP_FILTER = "rp_filter";
    private static final Pattern COUNTER = Pattern.compile("counter packets \\d+ bytes \\d+");

    private final GatewayConfig config;
    private final Table table;
    private final Nft nft;
    private final PolicyRouting routing;
    private final Sysctl sysctl;
    private final NodeProgrammingObserver observer;
    private final Duration driftInterval;
    private final Clock clock;
    private final AtomicLong repairs = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private String snapshot;
    private volatile boolean inPlace;
    private volatile Instant lastSuccess;

    public NodeProgrammer(
            GatewayConfig config,
            Nft nft,
            PolicyRouting routing,
            Sysctl sysctl,
            NodeProgrammingObserver observer,
            Duration driftInterval,
            Clock clock) {
        this.config = config;
        this.table = GatewayRuleset.build(config);
        this.nft = nft;
        this.routing = routing;
        this.sysctl = sysctl;
        this.observer = observer;
        this.driftInterval = driftInterval;
        this.clock = clock;
    }

    /** The real tools ({@code nft}, {@code ip}, /proc/sys) through {@code runner}: the host or a namespace. */
    public static NodeProgrammer create(GatewayConfig config, CommandRunner runner, NodeProgrammingObserver observer) {
        return new NodeProgrammer(
                config,
                new NftCli(runner),
                new PolicyRouting(runner),
                new Sysctl(runner),
                observer,
                DEFAULT_DRIFT_INTERVAL,
                Clock.systemUTC());
    }

    /** Programs the node now and checks it for drift every interval until {@link #close()}. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("node programmer for " + table.qualifiedName() + " is already started");
        }
        program();
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("pptpgw-node-drift").daemon(true).factory());
        long millis = driftInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Applies everything once: forwarding, the table (checked first, then replaced atomically) and the WAN routing.
     *
     * @throws NftException when nft refuses the table; a routing failure is only reported, the next check retries it
     */
    public synchronized void program() {
        try {
            if (!sysctl.read(Sysctl.IP_FORWARD).orElse("").equals("1")) {
                sysctl.write(Sysctl.IP_FORWARD, "1");
            }
            for (Wan wan : strictReversePathWans()) {
                sysctl.writeInterface(wan.interfaceName(), RP_FILTER, "2");
            }
            String script = NftScript.replace(table, nft.features());
            nft.check(script);
            nft.apply(script);
            snapshot = normalize(nft.listTable(table.family(), table.name()));
            observer.applied(true, clock.instant());
        } catch (RuntimeException e) {
            inPlace = false;
            observer.applied(false, clock.instant());
            failed("programming table " + table.qualifiedName(), e, clock.instant());
            throw e;
        }
        try {
            routing.apply(config.wans());
            succeeded();
        } catch (RuntimeException e) {
            inPlace = false;
            failed("policy routing for " + config.wans().size() + " WANs", e, clock.instant());
        }
    }

    /**
     * Compares the node with what was programmed and re-applies everything on any difference. From the moment a
     * difference is found until the repair succeeds the rules are not {@link #inPlace()}, so readiness says so.
     *
     * @return the drift that was found and repaired, or empty when all was in place
     * @throws RuntimeException when the check or the repair failed; either was reported to the observer once
     */
    public synchronized Optional<Drift> checkForDrift() {
        List<String> differences;
        try {
            differences = differences();
        } catch (RuntimeException e) {
            failed("drift check", e, clock.instant());
            throw e;
        }
        if (differences.isEmpty() && inPlace) {
            succeeded();
            return Optional.empty();
        }
        inPlace = false;
        Drift drift = new Drift(differences.isEmpty() ? List.of("the last programming did not complete") : differences);
        program();
        if (inPlace) {
            long total = repairs.incrementAndGet();
            log.warn("repaired drift of {} (repair {} since start): {}", table.qualifiedName(), total, drift);
            observer.repaired(drift, clock.instant());
        }
        return Optional.of(drift);
    }

    private List<String> differences() {
        List<String> differences = new ArrayList<>();
        if (!sysctl.read(Sysctl.IP_FORWARD).orElse("").equals("1")) {
            differences.add(Sysctl.IP_FORWARD + " is not 1");
        }
        for (Wan wan : strictReversePathWans()) {
            differences.add("net.ipv4.conf." + wan.interfaceName() + ".rp_filter is strict");
        }
        try {
            String listing = normalize(nft.listTable(table.family(), table.name()));
            if (!listing.equals(snapshot)) {
                differences.add("table " + table.qualifiedName() + " differs from what was applied: "
                        + firstDifference(snapshot, listing));
            }
        } catch (NftException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            differences.add("table " + table.qualifiedName() + " is missing");
        }
        differences.addAll(routing.differences(config.wans()));
        return differences;
    }

    /**
     * WANs whose effective reverse-path filter (the larger of conf.all and the interface's) is strict (1). Strict
     * filtering checks a packet's source against the main table only, so it drops clients arriving on any WAN but
     * the one holding the main default route; loose (2) accepts a source reachable by any route (RFC 3704 §2.4).
     */
    private List<Wan> strictReversePathWans() {
        if (config.wans().isEmpty()) {
            return List.of();
        }
        int all = parse(sysctl.read("net.ipv4.conf.all.rp_filter"));
        return config.wans().stream()
                .filter(wan -> Math.max(all, parse(sysctl.readInterface(wan.interfaceName(), RP_FILTER))) == 1)
                .toList();
    }

    private static int parse(Optional<String> value) {
        return value.filter(v -> v.matches("\\d+")).map(Integer::parseInt).orElse(0);
    }

    private void checkQuietly() {
        try {
            checkForDrift();
        } catch (RuntimeException e) {
            // Already reported by the step that failed; the next check tries again.
        }
    }

    private void failed(String step, RuntimeException error, Instant at) {
        log.warn("{} failed: {}", step, error.getMessage());
        observer.failed(step, error, at);
    }

    private void succeeded() {
        inPlace = true;
        lastSuccess = clock.instant();
        observer.inPlace(lastSuccess);
    }

    /** Stops the drift checks and removes our table, rules and routes. Never throws; failures go to the observer. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            inPlace = false;
            removeQuietly(
                    "removing table " + table.qualifiedName(),
                    () -> nft.apply(NftScript.remove(table.family(), table.name(), nft.features())));
            removeQuietly("removing policy routing", () -> routing.remove(config.wans()));
        }
    }

    private void removeQuietly(String step, Runnable removal) {
        try {
            removal.run();
        } catch (RuntimeException e) {
            failed(step, e, clock.instant());
        }
    }

    public Table desiredTable() {
        return table;
    }

    /** Whether the table, routing and forwarding are all in place as of the last apply or check. */
    public boolean inPlace() {
        return inPlace;
    }

    public long repairs() {
        return repairs.get();
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** {@code nft list table} output without handles and counter values, which change without anyone's edit. */
    static String normalize(String listing) {
        return listing.lines()
                .map(line -> COUNTER.matcher(HANDLE.matcher(line).replaceAll(""))
                        .replaceAll("counter")
                        .stripTrailing())
                .filter(line -> !line.isEmpty())
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static String firstDifference(String expected, String actual) {
        List<String> want = expected == null ? List.of() : expected.lines().toList();
        List<String> got = actual.lines().toList();
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i).strip() : "(end)";
            String g = i < got.size() ? got.get(i).strip() : "(end)";
            if (!w.equals(g)) {
                return "line " + (i + 1) + " expected `" + w + "`, found `" + g + "`";
            }
        }
        return "(no line differs)";
    }
}
