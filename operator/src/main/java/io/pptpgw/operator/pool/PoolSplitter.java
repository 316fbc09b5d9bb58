package io.pptpgw.operator.pool;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Splits a client pool into per-node sub-pools so that two nodes never hand out the same address. Stable: a node
 * keeps the sub-pool it had (read back from the status) as long as it is still a valid, unclaimed sub-pool of the
 * pool; a new node gets the lowest free one. Nodes are visited in name order, so the result depends only on the
 * inputs, never on the order they arrive in.
 */
public final class PoolSplitter {
    private PoolSplitter() {}

    /**
     * @param pool the gateway's clientPool (host bits are ignored)
     * @param perNodePrefixLength each sub-pool's prefix length, at least the pool's
     * @param nodes the nodes that run a gateway pod
     * @param previous each node's sub-pool as the status last recorded it; unknown nodes and bad values are ignored
     */
    public static PoolAssignment split(
            Ipv4Cidr pool, int perNodePrefixLength, Collection<String> nodes, Map<String, String> previous) {
        Ipv4Cidr network = pool.network();
        long count = network.subnetCount(perNodePrefixLength);
        BitSet used = new BitSet();
        SortedMap<String, Ipv4Cidr> pools = new TreeMap<>();
        TreeSet<String> sorted = new TreeSet<>(nodes);
        for (String node : sorted) {
            long index = previousIndex(network, perNodePrefixLength, previous.get(node));
            if (index >= 0 && !used.get((int) index)) {
                used.set((int) index);
                pools.put(node, network.subnet(index, perNodePrefixLength));
            }
        }
        List<String> unassigned = new ArrayList<>();
        for (String node : sorted) {
            if (pools.containsKey(node)) {
                continue;
            }
            long index = used.nextClearBit(0);
            if (index >= count) {
                unassigned.add(node);
                continue;
            }
            used.set((int) index);
            pools.put(node, network.subnet(index, perNodePrefixLength));
        }
        Optional<String> shortage = unassigned.isEmpty()
                ? Optional.empty()
                : Optional.of(shortage(network, perNodePrefixLength, sorted.size()));
        return new PoolAssignment(pools, unassigned, shortage);
    }

    private static long previousIndex(Ipv4Cidr network, int perNodePrefixLength, String previous) {
        if (previous == null) {
            return -1;
        }
        try {
            Ipv4Cidr cidr = Ipv4Cidr.parse(previous);
            long index = cidr.prefixLength() == perNodePrefixLength ? network.indexOf(cidr) : -1;
            return index < Integer.MAX_VALUE ? index : -1;
        } catch (IllegalArgumentException notACidr) {
            return -1;
        }
    }

    /** Why some nodes got no sub-pool, with the numbers and what would fix it. */
    static String shortage(Ipv4Cidr network, int perNodePrefixLength, int nodes) {
        if (network.usableAddresses() < nodes) {
            return "clientPool %s has %d usable addresses; %d nodes need at least 1 each"
                    .formatted(network, network.usableAddresses(), nodes);
        }
        long count = network.subnetCount(perNodePrefixLength);
        int needed = network.prefixLength() + (64 - Long.numberOfLeadingZeros(nodes - 1L));
        return "clientPool %s splits into %d sub-pools of /%d (perNodePrefixLength); %d nodes need one each:"
                        .formatted(network, count, perNodePrefixLength, nodes)
                + " set perNodePrefixLength to %d or widen clientPool.cidr".formatted(needed);
    }
}
