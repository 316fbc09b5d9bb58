package io.pptpgw.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.config.GatewayConfigLoader;
import io.pptpgw.dataplane.Drop;
import io.pptpgw.net.Cidr;
import io.pptpgw.net.RecordingCommandRunner;
import io.pptpgw.net.Sysctl;
import io.pptpgw.nft.NftException;
import io.pptpgw.nft.RecordingNft;
import io.pptpgw.node.NodeProgrammer;
import io.pptpgw.node.PolicyRouting;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.FailureReason;
import io.pptpgw.ppp.auth.LoginThrottle;
import io.pptpgw.pptp.control.MalformedControlMessage;
import io.pptpgw.pptp.server.Admission.RefusalReason;
import io.pptpgw.pptp.server.CloseReason;
import io.pptpgw.session.AddressPool;
import io.pptpgw.session.SessionSummary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.ofLiteral("198.51.100.7"), 40211);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry, "1.2.3");

    @Test
    void buildInfoCarriesTheVersion() {
        assertThat(scrape().samples("pptpgw_build_info")).containsExactly("pptpgw_build_info{version=\"1.2.3\"} 1");
    }

    @Test
    void controlConnectionsCountByReasonAndTheActiveOnesAreAGauge() {
        for (int i = 0; i < 3; i++) {
            metrics.connectionOpened(PEER);
        }
        metrics.connectionRejected(PEER);
        metrics.connectionClosed(PEER, CloseReason.PEER_STOPPED);
        metrics.echoTimedOut(PEER);
        metrics.connectionClosed(PEER, CloseReason.ECHO_TIMEOUT);
        metrics.malformedMessage(MalformedControlMessage.Reason.BAD_MAGIC_COOKIE);
        metrics.malformedMessage(MalformedControlMessage.Reason.BAD_MAGIC_COOKIE);

        Scrape scrape = scrape();
        assertThat(scrape.samples("pptpgw_control_connections_active"))
                .containsExactly("pptpgw_control_connections_active 1.0");
        assertThat(scrape.samples("pptpgw_control_connections_opened_total"))
                .containsExactly("pptpgw_control_connections_opened_total 3.0");
        assertThat(scrape.samples("pptpgw_control_connections_rejected_total"))
                .containsExactly("pptpgw_control_connections_rejected_total 1.0");
        assertThat(scrape.samples("pptpgw_control_echo_timeouts_total"))
                .containsExactly("pptpgw_control_echo_timeouts_total 1.0");
        assertThat(scrape.samples("pptpgw_control_connections_closed_total"))
                .hasSize(CloseReason.values().length)
                .contains(
                        "pptpgw_control_connections_closed_total{reason=\"peer_stopped\"} 1.0",
                        "pptpgw_control_connections_closed_total{reason=\"echo_timeout\"} 1.0",
                        "pptpgw_control_connections_closed_total{reason=\"io_error\"} 0.0");
        assertThat(scrape.samples("pptpgw_control_messages_malformed_total"))
                .hasSize(MalformedControlMessage.Reason.values().length)
                .contains(
                        "pptpgw_control_messages_malformed_total{reason=\"bad_magic_cookie\"} 2.0",
                        "pptpgw_control_messages_malformed_total{reason=\"truncated\"} 0.0");
    }

    @Test
    void setupsCountEveryResultAndTimeSuccessAndFailureApart() {
        for (int i = 0; i < 4; i++) {
            metrics.setupStarted();
        }
        metrics.sessionUp(Duration.ofMillis(200));
        metrics.sessionUp(Duration.ofMillis(300));
        metrics.setupFailed("authentication_failed", Duration.ofSeconds(3));
        metrics.callRefused(RefusalReason.SESSION_LIMIT);

        Scrape scrape = scrape();
        assertThat(scrape.samples("pptpgw_session_setups_total"))
                .hasSize(GatewayMetrics.SETUP_RESULTS.size())
                .contains(
                        "pptpgw_session_setups_total{result=\"success\"} 2.0",
                        "pptpgw_session_setups_total{result=\"authentication_failed\"} 1.0",
                        "pptpgw_session_setups_total{result=\"session_limit\"} 1.0",
                        "pptpgw_session_setups_total{result=\"negotiation_failed\"} 0.0",
                        "pptpgw_session_setups_total{result=\"other\"} 0.0");
        assertThat(scrape.samples("pptpgw_session_setups_in_progress"))
                .containsExactly("pptpgw_session_setups_in_progress 1.0");
        assertThat(scrape.samples("pptpgw_sessions_active")).containsExactly("pptpgw_sessions_active 2.0");
        assertThat(scrape.samples("pptpgw_session_setup_duration_seconds_bucket"))
                .contains(
                        "pptpgw_session_setup_duration_seconds_bucket{outcome=\"success\",le=\"0.1\"} 0",
                        "pptpgw_session_setup_duration_seconds_bucket{outcome=\"success\",le=\"0.25\"} 1",
                        "pptpgw_session_setup_duration_seconds_bucket{outcome=\"success\",le=\"0.5\"} 2",
                        "pptpgw_session_setup_duration_seconds_bucket{outcome=\"failure\",le=\"2.5\"} 0",
                        "pptpgw_session_setup_duration_seconds_bucket{outcome=\"failure\",le=\"5.0\"} 1");
        assertThat(scrape.samples("pptpgw_session_setup_duration_seconds_count"))
                .containsExactlyInAnyOrder(
                        "pptpgw_session_setup_duration_seconds_count{outcome=\"success\"} 2",
                        "pptpgw_session_setup_duration_seconds_count{outcome=\"failure\"} 1");
        assertThat(scrape.samples("pptpgw_session_setup_duration_seconds_sum"))
                .containsExactlyInAnyOrder(
                        "pptpgw_session_setup_duration_seconds_sum{outcome=\"success\"} 0.5",
                        "pptpgw_session_setup_duration_seconds_sum{outcome=\"failure\"} 3.0");
    }

    @Test
    void anUnknownSetupFailureCauseIsCountedAsOtherSoTheLabelsStayFixed() {
        metrics.setupStarted();
        metrics.setupFailed("martian invasion", Duration.ofSeconds(1));
        metrics.setupStarted();
        metrics.setupFailed(null, Duration.ofSeconds(1));

        assertThat(scrape().samples("pptpgw_session_setups_total"))
                .hasSize(GatewayMetrics.SETUP_RESULTS.size())
                .contains("pptpgw_session_setups_total{result=\"other\"} 2.0")
                .noneMatch(line -> line.contains("martian"));
    }

    @Test
    void anEndedSessionLeavesTheActiveGauge() {
        metrics.setupStarted();
        metrics.sessionUp(Duration.ofMillis(100));
        metrics.sessionEnded(summary("alice"));

        assertThat(scrape().samples("pptpgw_sessions_active")).containsExactly("pptpgw_sessions_active 0.0");
    }

    @Test
    void authenticationFailuresCountByMethodAndReason() {
        metrics.authenticationFailed(AuthProtocol.MSCHAP_V2, FailureReason.WRONG_PASSWORD);
        metrics.authenticationFailed(AuthProtocol.MSCHAP_V2, FailureReason.WRONG_PASSWORD);
        metrics.authenticationFailed(AuthProtocol.PAP, FailureReason.UNKNOWN_USER);

        assertThat(scrape().samples("pptpgw_auth_failures_total"))
                .hasSize(AuthProtocol.values().length * FailureReason.values().length)
                .contains(
                        "pptpgw_auth_failures_total{method=\"mschap_v2\",reason=\"wrong_password\"} 2.0",
                        "pptpgw_auth_failures_total{method=\"pap\",reason=\"unknown_user\"} 1.0",
                        "pptpgw_auth_failures_total{method=\"chap_md5\",reason=\"locked_out\"} 0.0");
    }

    @Test
    void lcpEchoRoundTripsFillTheHistogram() {
        metrics.echoRoundTrip(Duration.ofMillis(20));
        metrics.echoRoundTrip(Duration.ofMillis(700));

        Scrape scrape = scrape();
        assertThat(scrape.samples("pptpgw_lcp_echo_round_trip_seconds_bucket"))
                .contains(
                        "pptpgw_lcp_echo_round_trip_seconds_bucket{le=\"0.01\"} 0",
                        "pptpgw_lcp_echo_round_trip_seconds_bucket{le=\"0.025\"} 1",
                        "pptpgw_lcp_echo_round_trip_seconds_bucket{le=\"1.0\"} 2");
        assertThat(scrape.samples("pptpgw_lcp_echo_round_trip_seconds_count"))
                .containsExactly("pptpgw_lcp_echo_round_trip_seconds_count 2");
        assertThat(scrape.samples("pptpgw_lcp_echo_round_trip_seconds_sum"))
                .containsExactly("pptpgw_lcp_echo_round_trip_seconds_sum 0.72");
    }

    @Test
    void dataPathTotalsAreReadAtScrapeTimeOnlyOnceAttached() {
        assertThat(scrape().families()).doesNotContain("pptpgw_gre_packets_total", "pptpgw_packets_dropped_total");
        FakeDataPathStats stats = new FakeDataPathStats();
        metrics.attach(stats);
        stats.greReceivedPackets = 10;
        stats.greReceivedBytes = 14_000;
        stats.greSentPackets = 12;
        stats.greSentBytes = 16_000;
        stats.reordered = 3;
        stats.late = 2;
        stats.lost = 1;
        stats.mppeRekeys = 22;
        stats.mppeResyncs = 4;
        stats.drops.put(Drop.GRE_UNKNOWN_CALL_ID, 5L);
        stats.drops.put(Drop.IP_SPOOFED_SOURCE, 7L);

        Scrape scrape = scrape();
        assertThat(scrape.samples("pptpgw_gre_packets_total"))
                .containsExactly(
                        "pptpgw_gre_packets_total{direction=\"received\"} 10.0",
                        "pptpgw_gre_packets_total{direction=\"sent\"} 12.0");
        assertThat(scrape.samples("pptpgw_gre_bytes_total"))
                .containsExactly(
                        "pptpgw_gre_bytes_total{direction=\"received\"} 14000.0",
                        "pptpgw_gre_bytes_total{direction=\"sent\"} 16000.0");
        assertThat(scrape.samples("pptpgw_packets_dropped_total"))
                .hasSize(Drop.values().length)
                .contains(
                        "pptpgw_packets_dropped_total{layer=\"gre\",reason=\"unknown_call_id\"} 5.0",
                        "pptpgw_packets_dropped_total{layer=\"ip\",reason=\"spoofed_source\"} 7.0",
                        "pptpgw_packets_dropped_total{layer=\"mppe\",reason=\"garbled\"} 0.0");
        assertThat(scrape.samples())
                .contains(
                        "pptpgw_gre_reordered_packets_total 3.0",
                        "pptpgw_gre_late_packets_total 2.0",
                        "pptpgw_gre_lost_packets_total 1.0",
                        "pptpgw_mppe_rekeys_total 22.0",
                        "pptpgw_mppe_resyncs_total 4.0");

        stats.greReceivedPackets = 11;
        assertThat(scrape().samples("pptpgw_gre_packets_total"))
                .contains("pptpgw_gre_packets_total{direction=\"received\"} 11.0");
    }

    @Test
    void poolAndLockoutsAreReadAtScrapeTime() throws Exception {
        AddressPool pool = new AddressPool(Cidr.parse("10.250.0.0/29"));
        LoginThrottle throttle = new LoginThrottle(
                new LoginThrottle.Policy(2, Duration.ofMinutes(5), Duration.ofMinutes(15)), InstantSource.fixed(NOW));
        metrics.attach(pool);
        metrics.attach(throttle);
        pool.allocate("alice");
        pool.allocate("bob");
        throttle.recordFailure("mallory", InetAddress.ofLiteral("203.0.113.9"));
        throttle.recordFailure("mallory", InetAddress.ofLiteral("203.0.113.9"));

        assertThat(scrape().samples())
                .contains(
                        "pptpgw_pool_addresses_used 2.0",
                        "pptpgw_pool_addresses_free 3.0",
                        "pptpgw_pool_addresses_capacity 5.0",
                        // Two failures lock out both the user name and the source address.
                        "pptpgw_auth_lockouts_total 2.0");
    }

    @Test
    void nodeProgrammingCountsAppliesRepairsAndFailuresAndReportsItsState() {
        RecordingNft nft = new RecordingNft();
        NodeProgrammer programmer = programmer(nft);
        metrics.attach(programmer);
        assertThat(scrape().samples())
                .contains("pptpgw_node_rules_in_place 0.0")
                .noneMatch(line -> line.startsWith("pptpgw_node_last_programmed_timestamp_seconds"));

        programmer.program();
        nft.flushRuleset();
        programmer.checkForDrift();
        nft.failNextCall(new NftException(List.of("nft", "--check", "-f", "-"), 1, "Error: syntax error", null));
        assertThatThrownBy(programmer::program).isInstanceOf(NftException.class);

        assertThat(scrape().samples())
                .contains(
                        "pptpgw_nftables_applies_total{result=\"success\"} 2.0",
                        "pptpgw_nftables_applies_total{result=\"failure\"} 1.0",
                        "pptpgw_nftables_drift_repairs_total 1.0",
                        "pptpgw_node_programming_failures_total 1.0",
                        "pptpgw_node_rules_in_place 0.0",
                        "pptpgw_node_last_programmed_timestamp_seconds 1.7356896E9");
        programmer.program();
        assertThat(scrape().samples()).contains("pptpgw_node_rules_in_place 1.0");
    }

    @Test
    void aSourceIsAttachedOnce() {
        metrics.attach(new FakeDataPathStats());

        assertThatThrownBy(() -> metrics.attach(new FakeDataPathStats()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a data path stats is already attached to the metrics; attach it once");
    }

    @Test
    void countsStayExactUnderConcurrentEventLoops() throws Exception {
        int threads = 4;
        int rounds = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < rounds; i++) {
                    metrics.connectionOpened(PEER);
                    metrics.connectionClosed(PEER, CloseReason.PEER_CLOSED);
                    metrics.setupStarted();
                    metrics.sessionUp(Duration.ofMillis(1));
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(scrape().samples())
                .contains(
                        "pptpgw_control_connections_active 0.0",
                        "pptpgw_control_connections_opened_total 40000.0",
                        "pptpgw_control_connections_closed_total{reason=\"peer_closed\"} 40000.0",
                        "pptpgw_session_setups_in_progress 0.0",
                        "pptpgw_sessions_active 40000.0",
                        "pptpgw_session_setups_total{result=\"success\"} 40000.0");
    }

    @Test
    void everyNamedMetricIsExposedAndDocumented() throws Exception {
        attachEverything();
        List<String> names = metricNameConstants();

        assertThat(scrape().families()).containsExactlyInAnyOrderElementsOf(names);
        String documentation = Files.readString(Path.of("../docs/OBSERVABILITY.md"), StandardCharsets.UTF_8);
        assertThat(names).allSatisfy(name -> assertThat(documentation).contains("`" + name + "`"));
    }

    @Test
    void noMetricCarriesAUserAnAddressOrASession() throws Exception {
        attachEverything();
        metrics.connectionOpened(PEER);
        metrics.setupStarted();
        metrics.sessionUp(Duration.ofMillis(100));
        metrics.authenticationFailed(AuthProtocol.MSCHAP_V2, FailureReason.WRONG_PASSWORD);
        metrics.sessionEnded(summary("alice"));
        metrics.connectionClosed(PEER, CloseReason.PEER_STOPPED);

        for (MetricSnapshot snapshot : registry.scrape()) {
            for (DataPointSnapshot point : snapshot.getDataPoints()) {
                for (Label label : point.getLabels()) {
                    assertThat(GatewayMetrics.LABEL_NAMES)
                            .as(
                                    "label %s of %s",
                                    label.getName(), snapshot.getMetadata().getName())
                            .contains(label.getName());
                }
            }
        }
        assertThat(scrape().text()).doesNotContain("alice", "198.51.100.7", "10.250.0.", "0x1f2a", "7978");
    }

    private void attachEverything() {
        FakeDataPathStats stats = new FakeDataPathStats();
        metrics.attach(stats);
        metrics.attach(new AddressPool(Cidr.parse("10.250.0.0/24")));
        metrics.attach(new LoginThrottle(LoginThrottle.Policy.DEFAULT));
        NodeProgrammer programmer = programmer(new RecordingNft());
        metrics.attach(programmer);
        programmer.program();
    }

    private NodeProgrammer programmer(RecordingNft nft) {
        GatewayConfig config = GatewayConfigLoader.embeddedDefault();
        RecordingCommandRunner system = new RecordingCommandRunner().answer(List.of("cat"), "1\n");
        return new NodeProgrammer(
                config,
                nft,
                new PolicyRouting(system),
                new Sysctl(system),
                metrics,
                Duration.ofHours(1),
                Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private static List<String> metricNameConstants() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field field : GatewayMetrics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("pptpgw_")) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    private static SessionSummary summary(String user) {
        return new SessionSummary(
                user,
                0x1f2a,
                PEER,
                "10.250.0.2",
                "mppe-128-stateless",
                NOW,
                Duration.ofMinutes(5),
                100,
                10_000,
                90,
                20_000,
                "peer_terminated");
    }

    private Scrape scrape() {
        return Scrape.of(registry);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
