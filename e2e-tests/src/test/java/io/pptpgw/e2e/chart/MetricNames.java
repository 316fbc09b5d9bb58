package io.pptpgw.e2e.chart;

import io.pptpgw.e2e.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the monitoring extras may use: the gateway's, declared once in
 * {@code io.pptpgw.metrics.GatewayMetrics}; the operator's own gauge; and the Java Operator SDK's, as the operator
 * exports them (taken from a scrape of the running operator).
 */
final class MetricNames {
    static final Path GATEWAY_METRICS = Path.of("gateway-pod/src/main/java/io/pptpgw/metrics/GatewayMetrics.java");
    static final String OPERATOR_GAUGE = "pptpgw_operator_gateways";

    /** JOSDK's MicrometerMetrics (without per-resource metrics) in Prometheus form, for the pptpgateway controller. */
    static final List<String> OPERATOR_SDK = List.of(
            "operator_sdk_reconciliations_started_total",
            "operator_sdk_reconciliations_success_total",
            "operator_sdk_reconciliations_failed_total",
            "operator_sdk_events_received_total",
            "operator_sdk_controllers_execution_reconcile_seconds_bucket",
            "operator_sdk_reconciliations_queue_size_pptpgateway",
            "operator_sdk_reconciliations_executions_pptpgateway");

    private static final Pattern QUOTED_NAME = Pattern.compile("\"(pptpgw_[a-z0-9_]+)\"");
    private static final Pattern USED_NAME = Pattern.compile("\\b((?:pptpgw|operator_sdk)_[a-z0-9_]+)\\b");

    private MetricNames() {}

    static boolean gatewayMetricsPresent() {
        return Files.exists(RepositoryFiles.root().resolve(GATEWAY_METRICS));
    }

    /** Every name GatewayMetrics declares, with the series a histogram adds. */
    static Set<String> gateway() {
        try {
            String source = Files.readString(RepositoryFiles.root().resolve(GATEWAY_METRICS));
            Set<String> names = new TreeSet<>();
            Matcher matcher = QUOTED_NAME.matcher(source);
            while (matcher.find()) {
                String name = matcher.group(1);
                names.add(name);
                if (name.endsWith("_seconds")) {
                    names.addAll(List.of(name + "_bucket", name + "_sum", name + "_count"));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> known() {
        Set<String> known = new TreeSet<>(gateway());
        known.add(OPERATOR_GAUGE);
        known.addAll(OPERATOR_SDK);
        return known;
    }

    /** The metric names a PromQL expression (or any text) mentions. */
    static Set<String> usedIn(String promql) {
        Set<String> used = new LinkedHashSet<>();
        Matcher matcher = USED_NAME.matcher(promql);
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        return used;
    }
}
