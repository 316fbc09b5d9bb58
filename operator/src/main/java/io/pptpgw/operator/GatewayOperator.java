package io.pptpgw.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pptpgw.operator.health.GatewayConditionGauge;
import io.pptpgw.operator.health.HealthServer;
import io.pptpgw.operator.reconciler.GatewayEvents;
import io.pptpgw.operator.reconciler.PptpGatewayReconciler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: JOSDK with the PptpGateway reconciler, JOSDK's Micrometer metrics (without per-resource
 * tags, to keep cardinality bounded) and the gateways-by-condition gauge in one Prometheus registry, leader
 * election on a Lease when a namespace for it is set, and the health server. Used by {@link OperatorMain} and, in
 * process, by the tests.
 */
public final class GatewayOperator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayOperator.class);

    private final Operator operator;
    private final HealthServer health;
    private final AtomicBoolean stopping;

    private GatewayOperator(Operator operator, HealthServer health, AtomicBoolean stopping) {
        this.operator = operator;
        this.health = health;
        this.stopping = stopping;
    }

    public static GatewayOperator start(
            KubernetesClient client, OperatorSettings settings, PrometheusMeterRegistry registry) {
        AtomicBoolean stopping = new AtomicBoolean();
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
            settings.leaseNamespace().ifPresent(ns -> o.withLeaderElectionConfiguration(leaderElection(ns, stopping)));
        });
        Clock clock = Clock.systemUTC();
        PptpGatewayReconciler reconciler =
                new PptpGatewayReconciler(settings.image(), clock, new GatewayEvents(client, clock));
        operator.register(reconciler, overrider -> {
            if (!settings.namespaces().isEmpty()) {
                overrider.settingNamespaces(settings.namespaces());
            }
        });
        GatewayConditionGauge.register(registry, reconciler::gateways);
        try {
            HealthServer health = new HealthServer(
                    settings.healthPort(),
                    () -> operator.getRuntimeInfo().allEventSourcesAreHealthy(),
                    () -> operator.getRuntimeInfo().isStarted(),
                    registry::scrape);
            operator.start();
            return new GatewayOperator(operator, health, stopping);
        } catch (IOException e) {
            operator.stop();
            throw new UncheckedIOException("cannot listen on health port " + settings.healthPort(), e);
        }
    }

    /**
     * A replica that loses its Lease while running exits, so that it restarts as a follower and never reconciles
     * next to the new leader; a replica that is being stopped releases the Lease and just stops.
     */
    private static LeaderElectionConfiguration leaderElection(String namespace, AtomicBoolean stopping) {
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> LOG.info("leading: this replica reconciles"),
                () -> {
                    if (!stopping.get()) {
                        LOG.error("lost the leader Lease {}/{}; exiting", namespace, OperatorSettings.LEASE_NAME);
                        Thread.ofPlatform().start(() -> System.exit(1));
                    }
                },
                leader -> LOG.info("leader is {}", leader));
        return new LeaderElectionConfiguration(
                OperatorSettings.LEASE_NAME,
                namespace,
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                null,
                callbacks,
                false);
    }

    public Operator operator() {
        return operator;
    }

    public int healthPort() {
        return health.port();
    }

    /** Stops reconciling (in-flight reconciles finish), releases the Lease and closes the health server. */
    @Override
    public void close() {
        stopping.set(true);
        try {
            operator.stop();
        } finally {
            health.close();
        }
    }
}
