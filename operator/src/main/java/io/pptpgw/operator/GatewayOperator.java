package io.pptpgw.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
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

/**
 * The running operator: JOSDK with the PptpGateway reconciler, JOSDK's Micrometer metrics (without per-resource
 * tags, to keep cardinality bounded) and the gateways-by-condition gauge in one Prometheus registry, and the health
 * server. Used by {@link OperatorMain} and, in process, by the tests.
 */
public final class GatewayOperator implements AutoCloseable {
    private final Operator operator;
    private final HealthServer health;

    private GatewayOperator(Operator operator, HealthServer health) {
        this.operator = operator;
        this.health = health;
    }

    public static GatewayOperator start(
            KubernetesClient client, OperatorSettings settings, PrometheusMeterRegistry registry) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                    .withStopOnInformerErrorDuringStartup(false);
            settings.leaseNamespace()
                    .ifPresent(ns -> o.withLeaderElectionConfiguration(
                            new LeaderElectionConfiguration(OperatorSettings.LEASE_NAME, ns)));
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
            return new GatewayOperator(operator, health);
        } catch (IOException e) {
            operator.stop();
            throw new UncheckedIOException("cannot listen on health port " + settings.healthPort(), e);
        }
    }

    public Operator operator() {
        return operator;
    }

    public int healthPort() {
        return health.port();
    }

    /** Stops reconciling (in-flight reconciles finish) and closes the health server. */
    @Override
    public void close() {
        try {
            operator.stop();
        } finally {
            health.close();
        }
    }
}
