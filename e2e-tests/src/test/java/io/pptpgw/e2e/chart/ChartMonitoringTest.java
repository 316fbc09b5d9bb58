package io.pptpgw.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.pptpgw.e2e.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The monitoring extras: the PrometheusRule's alerts and the Grafana dashboard use only metric names the gateway
 * and the operator really export, the thresholds come from the values, and the ServiceMonitor finds the operator's
 * Service.
 */
class ChartMonitoringTest {
    static final List<String> ISSUE_ALERTS = List.of(
            "PptpGatewayNotReady",
            "PptpGatewayAuthenticationFailureSpike",
            "PptpGatewayPoolNearlyExhausted",
            "PptpGatewayRuleDriftRepairs",
            "PptpGatewayRulesNotProgrammed");

    @Test
    void thePrometheusRuleHasTheAlertsOperatorsNeedWithTheConfiguredThresholds() {
        Map<String, Rule> alerts = alerts(ChartRender.fullValues().only(PrometheusRule.class));

        assertThat(alerts.keySet())
                .containsAll(ISSUE_ALERTS)
                .contains("PptpgwOperatorReconcileErrors", "PptpgwOperatorDown");
        assertThat(expr(alerts, "PptpGatewayAuthenticationFailureSpike"))
                .contains("rate(pptpgw_auth_failures_total[5m])")
                .endsWith("> 0.5");
        assertThat(expr(alerts, "PptpGatewayPoolNearlyExhausted"))
                .contains("pptpgw_pool_addresses_used / (pptpgw_pool_addresses_capacity > 0)")
                .endsWith("> 0.8");
        assertThat(expr(alerts, "PptpGatewayRuleDriftRepairs"))
                .contains("increase(pptpgw_nftables_drift_repairs_total[1h])")
                .endsWith(">= 5");
        assertThat(expr(alerts, "PptpGatewayRulesNotProgrammed"))
                .contains("pptpgw_node_rules_in_place")
                .contains("pptpgw_nftables_applies_total{result=\"failure\"}")
                .contains("condition=\"Programmed\",status=\"False\"");
        assertThat(expr(alerts, "PptpGatewayNotReady"))
                .contains("pptpgw_operator_gateways{condition=\"Ready\",status!=\"True\"}");
        assertThat(alerts.get("PptpGatewayNotReady").getFor()).isEqualTo("15m");
        assertThat(expr(alerts, "PptpgwOperatorDown"))
                .contains("job=\"pptpgw-operator-vpn-operator\",namespace=\"" + ChartRender.NAMESPACE + "\"");
        assertThat(alerts.values())
                .allSatisfy(rule -> assertThat(rule.getLabels()).containsKey("severity"))
                .allSatisfy(rule -> assertThat(rule.getAnnotations()).containsKeys("summary", "description"));
    }

    @Test
    void alertTemplatesReachPrometheusUntouchedByHelm() {
        Map<String, Rule> alerts = alerts(ChartRender.fullValues().only(PrometheusRule.class));

        assertThat(alerts.get("PptpGatewayAuthenticationFailureSpike")
                        .getAnnotations()
                        .get("summary"))
                .isEqualTo("Authentication failures on {{ $labels.namespace }}/{{ $labels.pod }}");
        assertThat(alerts.get("PptpGatewayPoolNearlyExhausted").getAnnotations().get("description"))
                .contains("{{ $value | humanizePercentage }}");
    }

    @Test
    void alertsUseOnlyMetricsTheGatewayAndTheOperatorExport() {
        assumeTrue(MetricNames.gatewayMetricsPresent(), MetricNames.GATEWAY_METRICS + " is not in this tree yet");
        Set<String> used = new TreeSet<>();
        alerts(ChartRender.fullValues().only(PrometheusRule.class))
                .values()
                .forEach(rule -> used.addAll(MetricNames.usedIn(rule.getExpr().getStrVal())));

        assertThat(used).isNotEmpty().isSubsetOf(MetricNames.known());
    }

    @Test
    void theDashboardConfigMapCarriesTheSidecarLabelAndTheDashboardFile() throws IOException {
        ConfigMap configMap = ChartRender.fullValues().only(ConfigMap.class);
        String file = Files.readString(RepositoryFiles.chart().resolve("dashboards/pptpgw.json"));

        assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(configMap.getMetadata().getAnnotations()).containsEntry("grafana_folder", "VPN");
        assertThat(configMap.getData()).containsOnlyKeys("pptpgw.json");
        assertThat(configMap.getData().get("pptpgw.json")).isEqualTo(file.strip());
    }

    @Test
    void theDashboardCoversTheGatewayAndTheOperator() throws IOException {
        JsonNode dashboard = dashboard();
        List<String> expressions = expressions(dashboard);
        Set<String> used = new TreeSet<>();
        expressions.forEach(e -> used.addAll(MetricNames.usedIn(e)));

        assertThat(dashboard.get("uid").asText()).isEqualTo("pptpgw-overview");
        assertThat(used)
                .contains(
                        "pptpgw_sessions_active",
                        "pptpgw_session_setups_total",
                        "pptpgw_auth_failures_total",
                        "pptpgw_gre_bytes_total",
                        "pptpgw_packets_dropped_total",
                        "pptpgw_pool_addresses_used",
                        "pptpgw_nftables_drift_repairs_total",
                        "pptpgw_node_rules_in_place",
                        MetricNames.OPERATOR_GAUGE,
                        "operator_sdk_reconciliations_failed_total");
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt()))
                    .as("panel id %s is unique", panel.get("id"))
                    .isTrue();
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
                assertThat(panel.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
            }
        }
    }

    @Test
    void theDashboardUsesOnlyMetricsTheGatewayAndTheOperatorExport() throws IOException {
        assumeTrue(MetricNames.gatewayMetricsPresent(), MetricNames.GATEWAY_METRICS + " is not in this tree yet");
        Set<String> used = new TreeSet<>();
        expressions(dashboard()).forEach(e -> used.addAll(MetricNames.usedIn(e)));

        assertThat(used).isSubsetOf(MetricNames.known());
    }

    @Test
    void theServiceMonitorScrapesTheOperatorsService() {
        ChartRender chart = ChartRender.fullValues();
        ServiceMonitor monitor = chart.only(ServiceMonitor.class);
        Service service = chart.only(Service.class);

        assertThat(service.getMetadata().getLabels())
                .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames()).containsExactly(ChartRender.NAMESPACE);
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPort())
                    .isEqualTo(service.getSpec().getPorts().getFirst().getName());
            assertThat(endpoint.getPath()).isEqualTo("/metrics");
            assertThat(endpoint.getInterval()).isEqualTo("15s");
        });
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    }

    static Map<String, Rule> alerts(PrometheusRule rule) {
        return rule.getSpec().getGroups().stream()
                .flatMap(group -> group.getRules().stream())
                .collect(Collectors.toMap(Rule::getAlert, r -> r));
    }

    static String expr(Map<String, Rule> alerts, String name) {
        return alerts.get(name).getExpr().getStrVal().strip();
    }

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper()
                .readTree(RepositoryFiles.chart()
                        .resolve("dashboards/pptpgw.json")
                        .toFile());
    }

    static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.get("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            expressions.add(variable.path("definition").asText());
        }
        return expressions;
    }
}
