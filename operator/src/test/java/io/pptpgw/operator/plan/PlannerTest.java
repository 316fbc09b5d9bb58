package io.pptpgw.operator.plan;

import static io.pptpgw.operator.plan.Gateways.gateway;
import static io.pptpgw.operator.plan.Gateways.gatewayNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.api.v1alpha1.NodeStatus;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.api.v1alpha1.PptpGatewayStatus;
import io.pptpgw.operator.testing.SpecEdits;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static final String IMAGE = "pptpgw:test";
    static final List<io.fabric8.kubernetes.api.model.Node> NODES =
            List.of(gatewayNode("n1"), gatewayNode("n2"), gatewayNode("n3"));

    @Test
    void aValidGatewayGetsASubPoolOnEverySelectedNode() {
        PptpGateway office = gateway("office", "2026-01-01T00:00:00Z", "");
        GatewayPlan plan = Planner.plan(office, NODES, List.of(office), secret -> true, IMAGE);
        assertThat(plan.valid()).isTrue();
        assertThat(plan.pools()).containsOnlyKeys("n1", "n2", "n3");
        assertThat(plan.pools().get("n3").toString()).isEqualTo("10.250.2.0/24");
        assertThat(plan.excludedNodes()).isEmpty();
        assertThat(plan.image()).isEqualTo(IMAGE);
    }

    @Test
    void aMissingSecretMakesThePlanInvalidAndNamesTheField() {
        PptpGateway office = gateway("office", "2026-01-01T00:00:00Z", "");
        GatewayPlan plan = Planner.plan(office, NODES, List.of(), secret -> false, IMAGE);
        assertThat(plan.valid()).isFalse();
        assertThat(plan.problems())
                .containsExactly("authentication.usersSecretRef.name: Secret vpn/users does not exist");
        assertThat(plan.pools()).isEmpty();
    }

    @Test
    void hostBitsInThePoolAreReportedWithTheNetworkMeant() {
        PptpGateway typo = gateway("typo", "2026-01-01T00:00:00Z", "");
        typo = SpecEdits.with(typo, "clientPool.cidr", "10.250.1.0/16");
        GatewayPlan plan = Planner.plan(typo, NODES, List.of(), secret -> true, IMAGE);
        assertThat(plan.problems())
                .containsExactly("clientPool.cidr 10.250.1.0/16 has host bits set; the network is 10.250.0.0/16");
    }

    @Test
    void theStatusRemembersSubPoolsAcrossOperatorRestarts() {
        PptpGateway office = gateway("office", "2026-01-01T00:00:00Z", "");
        office.setStatus(
                new PptpGatewayStatus(1L, List.of(), List.of(new NodeStatus("n3", "10.250.7.0/24", true)), "1/1"));
        GatewayPlan plan = Planner.plan(office, NODES, List.of(), secret -> true, IMAGE);
        assertThat(plan.pools().get("n3").toString()).isEqualTo("10.250.7.0/24");
        assertThat(plan.pools().get("n1").toString()).isEqualTo("10.250.0.0/24");
    }

    @Test
    void nodesTakenByAnEarlierGatewayAreExcluded() {
        PptpGateway earlier = gateway("earlier", "2026-01-01T00:00:00Z", "");
        PptpGateway later = gateway("later", "2026-01-02T00:00:00Z", "");
        GatewayPlan plan = Planner.plan(later, NODES, List.of(earlier, later), secret -> true, IMAGE);
        assertThat(plan.conflicts())
                .singleElement()
                .satisfies(c -> assertThat(c.peerName()).isEqualTo("earlier"));
        assertThat(plan.excludedNodes()).containsExactly("n1", "n2", "n3");
        assertThat(plan.pools()).isEmpty();

        GatewayPlan earlierPlan = Planner.plan(earlier, NODES, List.of(earlier, later), secret -> true, IMAGE);
        assertThat(earlierPlan.conflicts()).isEmpty();
        assertThat(earlierPlan.pools()).hasSize(3);
    }

    @Test
    void nodesBeyondThePoolAreExcludedWithTheShortage() {
        PptpGateway small = gateway("small", "2026-01-01T00:00:00Z", "");
        small = SpecEdits.with(small, "clientPool.cidr", "10.250.0.0/23");
        GatewayPlan plan = Planner.plan(small, NODES, List.of(), secret -> true, IMAGE);
        assertThat(plan.pools()).containsOnlyKeys("n1", "n2");
        assertThat(plan.excludedNodes()).containsExactly("n3");
        assertThat(plan.poolShortage()).isPresent();
    }
}
