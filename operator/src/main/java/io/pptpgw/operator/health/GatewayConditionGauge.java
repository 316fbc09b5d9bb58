package io.pptpgw.operator.health;

import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pptpgw.api.v1alpha1.PptpGateway;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code pptpgw_operator_gateways{condition, status}}: how many gateways have each condition in each status,
 * counted from the informer cache at scrape time, so it never drifts from what the cluster holds.
 */
public final class GatewayConditionGauge {
    public static final String NAME = "pptpgw.operator.gateways";
    static final List<String> CONDITIONS = List.of("Ready", "Programmed", "Degraded", "Invalid", "Conflict");
    static final List<String> STATUSES = List.of("True", "False", "Unknown");

    private GatewayConditionGauge() {}

    public static void register(MeterRegistry registry, Supplier<Stream<PptpGateway>> gateways) {
        for (String condition : CONDITIONS) {
            for (String status : STATUSES) {
                Gauge.builder(NAME, () -> count(gateways.get(), condition, status))
                        .description("PptpGateways by condition and status")
                        .tag("condition", condition)
                        .tag("status", status)
                        .register(registry);
            }
        }
    }

    static long count(Stream<PptpGateway> gateways, String condition, String status) {
        return gateways.filter(g -> status.equals(statusOf(g, condition))).count();
    }

    /** A gateway without the condition yet counts as Unknown, as Kubernetes reads a missing condition. */
    static String statusOf(PptpGateway gateway, String type) {
        if (gateway.getStatus() == null || gateway.getStatus().conditions() == null) {
            return "Unknown";
        }
        return gateway.getStatus().conditions().stream()
                .filter(c -> type.equals(c.getType()))
                .map(Condition::getStatus)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse("Unknown");
    }
}
