package io.pptpgw.operator.status;

import static io.pptpgw.operator.plan.Gateways.gateway;
import static io.pptpgw.operator.plan.Gateways.gatewayNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.pptpgw.api.v1alpha1.NodeStatus;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.api.v1alpha1.PptpGatewayStatus;
import io.pptpgw.operator.plan.GatewayPlan;
import io.pptpgw.operator.plan.Planner;
import io.pptpgw.operator.testing.SpecEdits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final List<io.fabric8.kubernetes.api.model.Node> NODES = List.of(gatewayNode("n1"), gatewayNode("n2"));

    PptpGateway office = gateway("office", "2026-01-01T00:00:00Z", "");
    GatewayPlan plan = Planner.plan(office, NODES, List.of(), s -> true, "img");

    @Test
    void beforeTheDaemonSetControllerActsTheGatewayIsPending() {
        PptpGatewayStatus status =
                StatusCalculator.next(office, plan, new Observed(Optional.empty(), java.util.Map.of()), NOW);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Programmed").getReason()).isEqualTo("Pending");
        assertThat(status.readyNodes()).isEqualTo("0/2");
        assertThat(status.observedGeneration()).isEqualTo(1L);
        assertThat(status.nodes())
                .containsExactly(
                        new NodeStatus("n1", "10.250.0.0/24", false), new NodeStatus("n2", "10.250.1.0/24", false));
    }

    @Test
    void readyPodsOnEveryNodeMakeItReadyAndASecondRunChangesNothing() {
        Observed observed = Observed.of(Optional.of(daemonSet(2, 2)), List.of(pod("n1", true), pod("n2", true)));
        PptpGatewayStatus status = StatusCalculator.next(office, plan, observed, NOW);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Programmed").getMessage())
                .isEqualTo("2 of 2 nodes listen on 0.0.0.0:1723 with rules programmed");
        assertThat(status.readyNodes()).isEqualTo("2/2");

        office.setStatus(status);
        assertThat(StatusCalculator.next(office, plan, observed, NOW.plusSeconds(60)))
                .isEqualTo(status);
    }

    @Test
    void aPodDownOutsideARolloutIsDegradedAndNamesTheNode() {
        Observed observed = Observed.of(Optional.of(daemonSet(2, 2)), List.of(pod("n1", true), pod("n2", false)));
        PptpGatewayStatus status = StatusCalculator.next(office, plan, observed, NOW);
        assertThat(condition(status, "Degraded").getMessage()).isEqualTo("gateway pods are not ready on n2");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("NodesNotReady");
    }

    @Test
    void duringARolloutItSaysSo() {
        Observed observed = Observed.of(Optional.of(daemonSet(2, 1)), List.of(pod("n1", true), pod("n2", false)));
        PptpGatewayStatus status = StatusCalculator.next(office, plan, observed, NOW);
        assertThat(condition(status, "Programmed").getReason()).isEqualTo("RollingOut");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void anInvalidSpecKeepsTheRecordedPoolsAndSaysWhy() {
        office.setStatus(
                new PptpGatewayStatus(1L, List.of(), List.of(new NodeStatus("n1", "10.250.9.0/24", true)), "1/1"));
        GatewayPlan invalid = Planner.plan(office, NODES, List.of(), s -> false, "img");
        PptpGatewayStatus status =
                StatusCalculator.next(office, invalid, Observed.of(Optional.empty(), List.of()), NOW);
        assertThat(condition(status, "Invalid").getMessage())
                .isEqualTo("authentication.usersSecretRef.name: Secret vpn/users does not exist");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("InvalidSpec");
        assertThat(status.nodes()).containsExactly(new NodeStatus("n1", "10.250.9.0/24", false));
    }

    @Test
    void noMatchingNodeSaysWhichSelectorMatchedNothing() {
        GatewayPlan none = Planner.plan(office, List.of(), List.of(), s -> true, "img");
        PptpGatewayStatus status = StatusCalculator.next(office, none, Observed.of(Optional.empty(), List.of()), NOW);
        assertThat(condition(status, "Ready").getMessage())
                .isEqualTo("no node matches nodeSelector {pptpgw.io/gateway=true} with the gateway's tolerations");
    }

    @Test
    void aShortPoolIsDegradedWithTheNumbers() {
        PptpGateway small = gateway("small", "2026-01-01T00:00:00Z", "");
        small = SpecEdits.with(small, "clientPool.cidr", "10.250.0.0/24");
        GatewayPlan short1 = Planner.plan(small, NODES, List.of(), s -> true, "img");
        PptpGatewayStatus status = StatusCalculator.next(small, short1, Observed.of(Optional.empty(), List.of()), NOW);
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("PoolExhausted");
        assertThat(condition(status, "Degraded").getMessage())
                .startsWith("clientPool 10.250.0.0/24 splits into 1 sub-pools of /24 (perNodePrefixLength); 2 nodes")
                .endsWith("nodes without a sub-pool: n2");
    }

    static DaemonSet daemonSet(int scheduled, int updated) {
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withName("office-gateway")
                .withGeneration(2L)
                .endMetadata()
                .withNewStatus()
                .withObservedGeneration(2L)
                .withDesiredNumberScheduled(scheduled)
                .withUpdatedNumberScheduled(updated)
                .endStatus()
                .build();
    }

    static io.fabric8.kubernetes.api.model.Pod pod(String node, boolean ready) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("office-gateway-" + node)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .endSpec()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build();
    }

    static Condition condition(PptpGatewayStatus status, String type) {
        return status.conditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }
}
