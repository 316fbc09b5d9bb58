package io.pptpgw.operator.plan;

import io.pptpgw.operator.conflict.PortConflict;
import io.pptpgw.operator.pool.Ipv4Cidr;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one reconcile decided for a gateway.
 *
 * @param problems why the spec cannot be applied (each names a field); empty when it can
 * @param selectedNodes the nodes its selector and tolerations pick
 * @param pools the nodes that run a gateway pod, each with its client sub-pool
 * @param excludedNodes selected nodes kept free of its pods: taken by an earlier gateway, or no sub-pool left
 * @param conflicts the earlier gateways that hold a port on a shared node
 * @param poolShortage why some nodes got no sub-pool
 * @param image the gateway image
 */
public record GatewayPlan(
        List<String> problems,
        SortedSet<String> selectedNodes,
        SortedMap<String, Ipv4Cidr> pools,
        SortedSet<String> excludedNodes,
        List<PortConflict> conflicts,
        Optional<String> poolShortage,
        String image) {
    public GatewayPlan {
        problems = List.copyOf(problems);
        selectedNodes = Collections.unmodifiableSortedSet(new TreeSet<>(selectedNodes));
        pools = Collections.unmodifiableSortedMap(new TreeMap<>(pools));
        excludedNodes = Collections.unmodifiableSortedSet(new TreeSet<>(excludedNodes));
        conflicts = List.copyOf(conflicts);
    }

    /** A plan that applies nothing: the spec has problems. */
    public static GatewayPlan invalid(List<String> problems, SortedSet<String> selectedNodes, String image) {
        return new GatewayPlan(
                problems, selectedNodes, new TreeMap<>(), new TreeSet<>(), List.of(), Optional.empty(), image);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
