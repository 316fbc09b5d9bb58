package io.pptpgw.operator.plan;

import io.fabric8.kubernetes.api.model.Node;
import io.pptpgw.api.v1alpha1.NodeStatus;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.conflict.PortConflict;
import io.pptpgw.operator.conflict.PortConflicts;
import io.pptpgw.operator.pool.Ipv4Cidr;
import io.pptpgw.operator.pool.PoolAssignment;
import io.pptpgw.operator.pool.PoolSplitter;
import io.pptpgw.operator.spec.SpecDefaults;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Decides a gateway's {@link GatewayPlan} from what the cluster holds; no I/O, the lookups are passed in. */
public final class Planner {
    private Planner() {}

    /**
     * @param gateway the gateway being reconciled; its status holds the sub-pools handed out so far
     * @param nodes every node of the cluster
     * @param gateways every gateway the operator watches (the gateway itself may be among them)
     * @param secretExists whether a Secret of that name exists in the gateway's namespace
     * @param defaultImage the operator's own image, used unless the spec names one
     */
    public static GatewayPlan plan(
            PptpGateway gateway,
            Collection<Node> nodes,
            Collection<PptpGateway> gateways,
            Predicate<String> secretExists,
            String defaultImage) {
        String image = gateway.getSpec() != null && gateway.getSpec().image() != null
                ? gateway.getSpec().image()
                : defaultImage;
        List<String> problems = SpecChecks.problems(gateway, secretExists);
        if (!problems.isEmpty()) {
            SortedSet<String> selected =
                    gateway.getSpec() == null ? new TreeSet<>() : NodeSelection.select(gateway.getSpec(), nodes);
            return GatewayPlan.invalid(problems, selected, image);
        }
        SortedSet<String> selected = NodeSelection.select(gateway.getSpec(), nodes);
        List<PortConflict> conflicts =
                PortConflicts.against(gateway, selected, peersWithNodes(gateway, gateways, nodes));
        SortedSet<String> candidates = new TreeSet<>(selected);
        SortedSet<String> excluded = new TreeSet<>();
        conflicts.forEach(conflict -> excluded.addAll(conflict.nodes()));
        candidates.removeAll(excluded);

        Ipv4Cidr pool = Ipv4Cidr.parse(gateway.getSpec().clientPool().cidr());
        PoolAssignment assignment = PoolSplitter.split(
                pool, SpecDefaults.perNodePrefixLength(gateway.getSpec()), candidates, previousPools(gateway));
        excluded.addAll(assignment.unassigned());
        return new GatewayPlan(
                List.of(), selected, assignment.pools(), excluded, conflicts, assignment.shortage(), image);
    }

    private static Map<PptpGateway, SortedSet<String>> peersWithNodes(
            PptpGateway self, Collection<PptpGateway> gateways, Collection<Node> nodes) {
        Map<PptpGateway, SortedSet<String>> peers = new LinkedHashMap<>();
        for (PptpGateway peer : gateways) {
            boolean same = peer.getMetadata().getUid() != null
                    ? peer.getMetadata().getUid().equals(self.getMetadata().getUid())
                    : peer.getMetadata().getName().equals(self.getMetadata().getName())
                            && peer.getMetadata()
                                    .getNamespace()
                                    .equals(self.getMetadata().getNamespace());
            if (!same && peer.getSpec() != null && peer.getMetadata().getDeletionTimestamp() == null) {
                peers.put(peer, NodeSelection.select(peer.getSpec(), nodes));
            }
        }
        return peers;
    }

    /** The sub-pools recorded in the status: the memory that keeps them stable across operator restarts. */
    static Map<String, String> previousPools(PptpGateway gateway) {
        Map<String, String> previous = new HashMap<>();
        if (gateway.getStatus() != null && gateway.getStatus().nodes() != null) {
            for (NodeStatus node : gateway.getStatus().nodes()) {
                if (node.name() != null && node.pool() != null) {
                    previous.put(node.name(), node.pool());
                }
            }
        }
        return previous;
    }
}
