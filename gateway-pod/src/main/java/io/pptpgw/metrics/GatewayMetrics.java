package io.pptpgw.metrics;

import io.pptpgw.dataplane.DataPathStats;
import io.pptpgw.node.Drift;
import io.pptpgw.node.NodeProgrammer;
import io.pptpgw.node.NodeProgrammingObserver;
import io.pptpgw.ppp.LinkListener;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.FailureReason;
import io.pptpgw.ppp.auth.LoginThrottle;
import io.pptpgw.pptp.control.MalformedControlMessage;
import io.pptpgw.pptp.server.Admission.RefusalReason;
import io.pptpgw.pptp.server.CloseReason;
import io.pptpgw.pptp.server.ControlConnectionObserver;
import io.pptpgw.session.AddressPool;
import io.pptpgw.session.SessionObserver;
import io.pptpgw.session.SessionSummary;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every metric of the gateway, by name, in one place (docs/OBSERVABILITY.md describes each). Events arrive through
 * the three observer interfaces this class implements; running totals and state are read at scrape time from the
 * sources {@link #attach(DataPathStats) attached} to it, so the data path pays nothing per packet.
 *
 * <p>Label values come only from enums and the fixed sets below, and no metric carries a user or an address: per
 * session figures are the admin socket's job ({@code pptpgw sessions}). Every observer method is thread safe and
 * lock free (Prometheus' own counters), so event loops may call it at will.
 */
public final class GatewayMetrics implements ControlConnectionObserver, SessionObserver, NodeProgrammingObserver {
    public static final String BUILD_INFO = "pptpgw_build_info";
    public static final String SESSIONS_ACTIVE = "pptpgw_sessions_active";
    public static final String SESSION_SETUPS_IN_PROGRESS = "pptpgw_session_setups_in_progress";
    public static final String SESSION_SETUPS = "pptpgw_session_setups_total";
    public static final String SESSION_SETUP_DURATION = "pptpgw_session_setup_duration_seconds";
    public static final String LCP_ECHO_ROUND_TRIP = "pptpgw_lcp_echo_round_trip_seconds";
    public static final String AUTH_FAILURES = "pptpgw_auth_failures_total";
    public static final String AUTH_LOCKOUTS = "pptpgw_auth_lockouts_total";
    public static final String CONTROL_CONNECTIONS_ACTIVE = "pptpgw_control_connections_active";
    public static final String CONTROL_CONNECTIONS_OPENED = "pptpgw_control_connections_opened_total";
    public static final String CONTROL_CONNECTIONS_REJECTED = "pptpgw_control_connections_rejected_total";
    public static final String CONTROL_CONNECTIONS_CLOSED = "pptpgw_control_connections_closed_total";
    public static final String CONTROL_ECHO_TIMEOUTS = "pptpgw_control_echo_timeouts_total";
    public static final String CONTROL_MESSAGES_MALFORMED = "pptpgw_control_messages_malformed_total";
    public static final String GRE_PACKETS = "pptpgw_gre_packets_total";
    public static final String GRE_BYTES = "pptpgw_gre_bytes_total";
    public static final String GRE_REORDERED_PACKETS = "pptpgw_gre_reordered_packets_total";
    public static final String GRE_LATE_PACKETS = "pptpgw_gre_late_packets_total";
    public static final String GRE_LOST_PACKETS = "pptpgw_gre_lost_packets_total";
    public static final String PACKETS_DROPPED = "pptpgw_packets_dropped_total";
    public static final String MPPE_REKEYS = "pptpgw_mppe_rekeys_total";
    public static final String MPPE_RESYNCS = "pptpgw_mppe_resyncs_total";
    public static final String POOL_ADDRESSES_USED = "pptpgw_pool_addresses_used";
    public static final String POOL_ADDRESSES_FREE = "pptpgw_pool_addresses_free";
    public static final String POOL_ADDRESSES_CAPACITY = "pptpgw_pool_addresses_capacity";
    public static final String NFTABLES_APPLIES = "pptpgw_nftables_applies_total";
    public static final String NFTABLES_DRIFT_REPAIRS = "pptpgw_nftables_drift_repairs_total";
    public static final String NODE_PROGRAMMING_FAILURES = "pptpgw_node_programming_failures_total";
    public static final String NODE_RULES_IN_PLACE = "pptpgw_node_rules_in_place";
    public static final String NODE_LAST_PROGRAMMED = "pptpgw_node_last_programmed_timestamp_seconds";

    /** Every label name any metric uses; none of them names a user, an address or a session. */
    public static final Set<String> LABEL_NAMES =
            Set.of("version", "result", "outcome", "method", "reason", "direction", "layer");

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    /** The {@code result} of a setup that failed for a cause outside {@link #SETUP_FAILURE_CAUSES}. */
    public static final String OTHER = "other";

    /**
     * The causes {@link #setupFailed} counts under their own name, as the session layer reports them; anything else
     * is counted as {@link #OTHER} (and logged once), so a typo can never grow the label set.
     */
    public static final List<String> SETUP_FAILURE_CAUSES = Stream.concat(
                    Arrays.stream(LinkListener.DownCause.values()).map(LinkListener.DownCause::label),
                    Stream.of(SessionObserver.CALL_ENDED))
            .toList();

    /** Every {@code result} of {@link #SESSION_SETUPS}: success, the failure causes, the admission refusals, other. */
    public static final Set<String> SETUP_RESULTS = setupResults();

    private static final double[] SETUP_DURATION_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final double[] ECHO_BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    private static final Logger log = LoggerFactory.getLogger(GatewayMetrics.class);
    private static final int UNKNOWN_CAUSES_REMEMBERED = 64;

    private final Gauge sessionsActive;
    private final Gauge setupsInProgress;
    private final Map<String, CounterDataPoint> setups;
    private final DistributionDataPoint setupSucceededAfter;
    private final DistributionDataPoint setupFailedAfter;
    private final Histogram echoRoundTrip;
    private final Map<AuthProtocol, Map<FailureReason, CounterDataPoint>> authFailures;
    private final Gauge connectionsActive;
    private final Counter connectionsOpened;
    private final Counter connectionsRejected;
    private final Map<CloseReason, CounterDataPoint> connectionsClosed;
    private final Counter echoTimeouts;
    private final Map<MalformedControlMessage.Reason, CounterDataPoint> malformed;
    private final Map<Boolean, CounterDataPoint> applies;
    private final Counter driftRepairs;
    private final Counter programmingFailures;
    private final Set<String> unknownCauses = ConcurrentHashMap.newKeySet();
    private final AttachedSources sources;

    /** Registers every metric with {@code registry}; {@code version} is the {@link #BUILD_INFO} label. */
    public GatewayMetrics(PrometheusRegistry registry, String version) {
        Info.builder()
                .name(BUILD_INFO)
                .help("The running pptpgw build; always 1.")
                .labelNames("version")
                .register(registry)
                .setLabelValues(version);
        sessionsActive = gauge(SESSIONS_ACTIVE, "Sessions carrying IP now.", registry);
        setupsInProgress = gauge(SESSION_SETUPS_IN_PROGRESS, "Admitted calls whose PPP link is not up yet.", registry);
        Counter setupCounter = counter(SESSION_SETUPS, "Session setups that ended, by result.", registry, "result");
        setups = SETUP_RESULTS.stream().collect(Collectors.toUnmodifiableMap(r -> r, setupCounter::labelValues));
        Histogram setupDuration = histogram(
                SESSION_SETUP_DURATION,
                "Time from an admitted call to IP (success) or to giving up (failure).",
                SETUP_DURATION_BUCKETS,
                registry,
                "outcome");
        setupSucceededAfter = setupDuration.labelValues(SUCCESS);
        setupFailedAfter = setupDuration.labelValues(FAILURE);
        echoRoundTrip =
                histogram(LCP_ECHO_ROUND_TRIP, "LCP Echo-Request to Echo-Reply round trip.", ECHO_BUCKETS, registry);
        authFailures = authFailures(
                counter(AUTH_FAILURES, "Failed authentications, by method and reason.", registry, "method", "reason"));
        connectionsActive = gauge(CONTROL_CONNECTIONS_ACTIVE, "Open PPTP control connections.", registry);
        connectionsOpened = counter(CONTROL_CONNECTIONS_OPENED, "PPTP control connections accepted.", registry);
        connectionsRejected = counter(
                CONTROL_CONNECTIONS_REJECTED,
                "PPTP control connections refused at accept: their source held the most it may.",
                registry);
        connectionsClosed = byLabel(
                counter(CONTROL_CONNECTIONS_CLOSED, "PPTP control connections ended, by reason.", registry, "reason"),
                CloseReason.class,
                CloseReason::label);
        echoTimeouts = counter(
                CONTROL_ECHO_TIMEOUTS, "Control connections whose peer left Echo-Requests unanswered.", registry);
        malformed = byLabel(
                counter(
                        CONTROL_MESSAGES_MALFORMED,
                        "Control frames dropped as malformed, by reason.",
                        registry,
                        "reason"),
                MalformedControlMessage.Reason.class,
                MalformedControlMessage.Reason::label);
        Counter applied = counter(
                NFTABLES_APPLIES, "Attempts to program the gateway's nftables table, by result.", registry, "result");
        applies = Map.of(true, applied.labelValues(SUCCESS), false, applied.labelValues(FAILURE));
        driftRepairs = counter(
                NFTABLES_DRIFT_REPAIRS, "Drift checks that found the node changed and programmed it again.", registry);
        programmingFailures = counter(
                NODE_PROGRAMMING_FAILURES,
                "Failed node programming steps (table, policy routing, drift check, removal).",
                registry);
        sources = new AttachedSources(registry);
    }

    /** The data path's running totals: GRE traffic, drops, reordering and loss, MPPE key changes. Once only. */
    public void attach(DataPathStats dataPath) {
        sources.attach(dataPath);
    }

    /** The client address pool: addresses used, free and in all. Once only. */
    public void attach(AddressPool pool) {
        sources.attach(pool);
    }

    /** The login throttle: lockouts begun. Once only. */
    public void attach(LoginThrottle throttle) {
        sources.attach(throttle);
    }

    /** The node programmer: whether the rules are in place and when they last were. Once only. */
    public void attach(NodeProgrammer programmer) {
        sources.attach(programmer);
    }

    @Override
    public void connectionOpened(InetSocketAddress peer) {
        connectionsOpened.inc();
        connectionsActive.inc();
    }

    @Override
    public void connectionRejected(InetSocketAddress peer) {
        connectionsRejected.inc();
    }

    @Override
    public void connectionClosed(InetSocketAddress peer, CloseReason reason) {
        connectionsClosed.get(reason).inc();
        connectionsActive.dec();
    }

    @Override
    public void malformedMessage(MalformedControlMessage.Reason reason) {
        malformed.get(reason).inc();
    }

    @Override
    public void echoTimedOut(InetSocketAddress peer) {
        echoTimeouts.inc();
    }

    /** A refused call is a setup that ended before it began: counted under the refusal's label. */
    @Override
    public void callRefused(RefusalReason reason) {
        setups.get(reason.label()).inc();
    }

    @Override
    public void setupStarted() {
        setupsInProgress.inc();
    }

    @Override
    public void sessionUp(Duration setupTime) {
        setupsInProgress.dec();
        sessionsActive.inc();
        setups.get(SUCCESS).inc();
        setupSucceededAfter.observe(seconds(setupTime));
    }

    @Override
    public void setupFailed(String cause, Duration setupTime) {
        setupsInProgress.dec();
        setups.get(setupResult(cause)).inc();
        setupFailedAfter.observe(seconds(setupTime));
    }

    @Override
    public void authenticationFailed(AuthProtocol method, FailureReason reason) {
        authFailures.get(method).get(reason).inc();
    }

    @Override
    public void sessionEnded(SessionSummary summary) {
        sessionsActive.dec();
    }

    @Override
    public void echoRoundTrip(Duration roundTrip) {
        echoRoundTrip.observe(seconds(roundTrip));
    }

    @Override
    public void applied(boolean succeeded, Instant at) {
        applies.get(succeeded).inc();
    }

    @Override
    public void repaired(Drift drift, Instant at) {
        driftRepairs.inc();
    }

    @Override
    public void failed(String step, RuntimeException error, Instant at) {
        programmingFailures.inc();
    }

    /** The {@code method} label of an authentication protocol, e.g. {@code mschap_v2}. */
    public static String methodLabel(AuthProtocol method) {
        return method.name().toLowerCase(Locale.ROOT);
    }

    private String setupResult(String cause) {
        if (cause != null && SETUP_FAILURE_CAUSES.contains(cause)) {
            return cause;
        }
        if (unknownCauses.size() < UNKNOWN_CAUSES_REMEMBERED && unknownCauses.add(String.valueOf(cause))) {
            log.warn("setup failure cause '{}' is not one of {}; counted as '{}'", cause, SETUP_FAILURE_CAUSES, OTHER);
        }
        return OTHER;
    }

    private static Set<String> setupResults() {
        List<String> all = Stream.of(
                        Stream.of(SUCCESS),
                        SETUP_FAILURE_CAUSES.stream(),
                        Stream.of(RefusalReason.values()).map(RefusalReason::label),
                        Stream.of(OTHER))
                .flatMap(s -> s)
                .toList();
        Set<String> distinct = new LinkedHashSet<>(all);
        if (distinct.size() != all.size()) {
            throw new AssertionError("setup results are not distinct: " + all);
        }
        return Collections.unmodifiableSet(distinct);
    }

    /** One data point per enum constant, created now: every label value is exposed (at 0) from the start. */
    private static <E extends Enum<E>> Map<E, CounterDataPoint> byLabel(
            Counter counter, Class<E> type, Function<E, String> label) {
        Map<E, CounterDataPoint> points = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            points.put(value, counter.labelValues(label.apply(value)));
        }
        return points;
    }

    private static Map<AuthProtocol, Map<FailureReason, CounterDataPoint>> authFailures(Counter counter) {
        Map<AuthProtocol, Map<FailureReason, CounterDataPoint>> points = new EnumMap<>(AuthProtocol.class);
        for (AuthProtocol method : AuthProtocol.values()) {
            Map<FailureReason, CounterDataPoint> byReason = new EnumMap<>(FailureReason.class);
            for (FailureReason reason : FailureReason.values()) {
                byReason.put(reason, counter.labelValues(methodLabel(method), reason.label()));
            }
            points.put(method, byReason);
        }
        return points;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static Gauge gauge(String name, String help, PrometheusRegistry registry) {
        return Gauge.builder().name(name).help(help).register(registry);
    }

    private static Counter counter(String name, String help, PrometheusRegistry registry, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private static Histogram histogram(
            String name, String help, double[] upperBounds, PrometheusRegistry registry, String... labels) {
        return Histogram.builder()
                .name(name)
                .unit(Unit.SECONDS)
                .help(help)
                .labelNames(labels)
                .classicOnly()
                .classicUpperBounds(upperBounds)
                .register(registry);
    }
}
