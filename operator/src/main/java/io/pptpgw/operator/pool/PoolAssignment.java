package io.pptpgw.operator.pool;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The outcome of a split: each node's sub-pool (by node name), the nodes left without one, and why, when the pool
 * is too small for every node.
 */
public record PoolAssignment(SortedMap<String, Ipv4Cidr> pools, List<String> unassigned, Optional<String> shortage) {
    public PoolAssignment {
        pools = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(pools));
        unassigned = List.copyOf(unassigned);
    }
}
