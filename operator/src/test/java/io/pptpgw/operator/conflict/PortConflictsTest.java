package io.pptpgw.operator.conflict;

import static io.pptpgw.operator.plan.Gateways.gateway;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.api.v1alpha1.PptpGateway;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortConflictsTest {
    static final Set<String> NODES = Set.of("n1", "n2");

    @Test
    void onlyTheLaterGatewayReportsAndNamesTheEarlierOne() {
        PptpGateway earlier = gateway("office", "2026-01-01T00:00:00Z", "");
        PptpGateway later = gateway("branch", "2026-01-02T00:00:00Z", "");
        assertThat(PortConflicts.against(later, NODES, Map.of(earlier, Set.of("n2", "n9"))))
                .singleElement()
                .satisfies(c -> assertThat(c.message())
                        .isEqualTo("port 1723 on node n2 is taken by PptpGateway vpn/office (created earlier);"
                                + " this gateway does not run there"));
        assertThat(PortConflicts.against(earlier, NODES, Map.of(later, NODES))).isEmpty();
    }

    @Test
    void sameCreationSecondFallsBackToNamespaceThenName() {
        PptpGateway alpha = gateway("alpha", "2026-01-01T00:00:00Z", "");
        PptpGateway beta = gateway("beta", "2026-01-01T00:00:00Z", "");
        assertThat(PortConflicts.against(beta, NODES, Map.of(alpha, NODES))).hasSize(1);
        assertThat(PortConflicts.against(alpha, NODES, Map.of(beta, NODES))).isEmpty();
    }

    @Test
    void differentPortsOrDifferentAddressesOrDisjointNodesDoNotConflict() {
        PptpGateway earlier = gateway("office", "2026-01-01T00:00:00Z", "listen: {address: 192.0.2.1}");
        PptpGateway otherAddress = gateway("b", "2026-01-02T00:00:00Z", """
                listen: {address: 192.0.2.2}
                metrics: {port: 9724}""");
        PptpGateway otherPorts = gateway("c", "2026-01-02T00:00:00Z", """
                listen: {port: 1724}
                metrics: {port: 9724}""");
        PptpGateway elsewhere = gateway("d", "2026-01-02T00:00:00Z", "");
        assertThat(PortConflicts.against(otherAddress, NODES, Map.of(earlier, NODES)))
                .isEmpty();
        assertThat(PortConflicts.against(otherPorts, NODES, Map.of(earlier, NODES)))
                .isEmpty();
        assertThat(PortConflicts.against(elsewhere, NODES, Map.of(earlier, Set.of("n7"))))
                .isEmpty();
    }

    @Test
    void theMetricsPortClashesOnEveryAddress() {
        PptpGateway earlier = gateway("office", "2026-01-01T00:00:00Z", "listen: {address: 192.0.2.1}");
        PptpGateway later = gateway("b", "2026-01-02T00:00:00Z", "listen: {address: 192.0.2.2}");
        assertThat(PortConflicts.against(later, NODES, Map.of(earlier, NODES)))
                .singleElement()
                .satisfies(c -> assertThat(c.port()).isEqualTo(9723));
    }

    @Test
    void conflictsAreListedOldestFirst() {
        Map<PptpGateway, Set<String>> peers = new LinkedHashMap<>();
        peers.put(gateway("second", "2026-01-02T00:00:00Z", ""), NODES);
        peers.put(gateway("first", "2026-01-01T00:00:00Z", ""), NODES);
        PptpGateway latest = gateway("latest", "2026-01-03T00:00:00Z", "");
        assertThat(PortConflicts.against(latest, NODES, peers))
                .extracting(PortConflict::peerName)
                .containsExactly("first", "second");
    }
}
