package io.pptpgw.operator.plan;

import static io.pptpgw.operator.plan.Gateways.gateway;
import static io.pptpgw.operator.plan.Gateways.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSelectionTest {
    static final Map<String, String> GATEWAY = Map.of("pptpgw.io/gateway", "true");

    @Test
    void selectsNodesWithEveryNodeSelectorLabel() {
        var spec = gateway("a", "2026-01-01T00:00:00Z", "").getSpec();
        var nodes = List.of(
                node("labelled", GATEWAY),
                node("wrong-value", Map.of("pptpgw.io/gateway", "false")),
                node("unlabelled", Map.of()));
        assertThat(NodeSelection.select(spec, nodes)).containsExactly("labelled");
    }

    @Test
    void aNoScheduleTaintKeepsTheGatewayOffUnlessTolerated() {
        Taint dedicated = new Taint("NoSchedule", "pptpgw.io/dedicated", null, "yes");
        var untolerated = gateway("a", "2026-01-01T00:00:00Z", "").getSpec();
        var tolerated = gateway("b", "2026-01-01T00:00:00Z", """
                tolerations:
                - {key: pptpgw.io/dedicated, operator: Equal, value: "yes", effect: NoSchedule}""").getSpec();
        var everything = gateway("c", "2026-01-01T00:00:00Z", "tolerations: [{operator: Exists}]")
                .getSpec();
        var node = List.of(node("tainted", GATEWAY, dedicated));
        assertThat(NodeSelection.select(untolerated, node)).isEmpty();
        assertThat(NodeSelection.select(tolerated, node)).containsExactly("tainted");
        assertThat(NodeSelection.select(everything, node)).containsExactly("tainted");
    }

    @Test
    void preferNoScheduleAndTheDaemonSetControllersOwnTolerationsDoNotExclude() {
        var spec = gateway("a", "2026-01-01T00:00:00Z", "").getSpec();
        var nodes = List.of(
                node("soft", GATEWAY, new Taint("PreferNoSchedule", "x", null, "y")),
                node("cordoned", GATEWAY, new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null)),
                node("not-ready", GATEWAY, new Taint("NoExecute", "node.kubernetes.io/not-ready", null, null)));
        assertThat(NodeSelection.select(spec, nodes)).containsExactly("cordoned", "not-ready", "soft");
    }

    @Test
    void aTolerationForAnotherEffectOrValueDoesNotMatch() {
        Taint taint = new Taint("NoExecute", "k", null, "v");
        assertThat(NodeSelection.tolerates(toleration("k", "Equal", "v", "NoSchedule"), taint))
                .isFalse();
        assertThat(NodeSelection.tolerates(toleration("k", "Equal", "w", ""), taint))
                .isFalse();
        assertThat(NodeSelection.tolerates(toleration("k", "Exists", null, null), taint))
                .isTrue();
        assertThat(NodeSelection.tolerates(toleration(null, "Equal", null, null), taint))
                .isFalse();
    }

    private static io.fabric8.kubernetes.api.model.Toleration toleration(
            String key, String operator, String value, String effect) {
        return new io.fabric8.kubernetes.api.model.Toleration(effect, key, operator, null, value);
    }
}
