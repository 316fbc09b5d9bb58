package io.pptpgw.operator.conflict;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.spec.SpecDefaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds the earlier gateways that hold one of this gateway's ports on a node both select. Gateway pods use the
 * host network, so the PPTP listener (on its address) and the metrics listener (on every address) of two gateways
 * on one node must not share a port. Only the later gateway reports the conflict, so the earlier keeps running
 * untouched: reported, not fought over.
 */
public final class PortConflicts {
    /** Creation time, then namespace, then name: a total order every operator replica agrees on. */
    public static final Comparator<PptpGateway> AGE = Comparator.comparing((PptpGateway g) -> created(g.getMetadata()))
            .thenComparing(g -> g.getMetadata().getNamespace())
            .thenComparing(g -> g.getMetadata().getName());

    private PortConflicts() {}

    /** @param peers the other gateways, each with the nodes it selects */
    public static List<PortConflict> against(
            PptpGateway self, Set<String> selfNodes, Map<PptpGateway, ? extends Set<String>> peers) {
        List<PortConflict> conflicts = new ArrayList<>();
        peers.entrySet().stream()
                .filter(peer -> AGE.compare(peer.getKey(), self) < 0)
                .sorted(Map.Entry.comparingByKey(AGE))
                .forEach(peer -> {
                    SortedSet<String> shared = new TreeSet<>(selfNodes);
                    shared.retainAll(peer.getValue());
                    int port = sharedPort(self, peer.getKey());
                    if (!shared.isEmpty() && port > 0) {
                        ObjectMeta meta = peer.getKey().getMetadata();
                        conflicts.add(new PortConflict(meta.getNamespace(), meta.getName(), port, shared));
                    }
                });
        return List.copyOf(conflicts);
    }

    /** The lowest port both gateways would bind on a shared node, or 0 when they can share it. */
    static int sharedPort(PptpGateway a, PptpGateway b) {
        int aListen = SpecDefaults.listenPort(a.getSpec());
        int bListen = SpecDefaults.listenPort(b.getSpec());
        int aMetrics = SpecDefaults.metricsPort(a.getSpec());
        int bMetrics = SpecDefaults.metricsPort(b.getSpec());
        SortedSet<Integer> clashes = new TreeSet<>();
        if (aListen == bListen && addressesOverlap(a, b)) {
            clashes.add(aListen);
        }
        for (int port : List.of(aListen, aMetrics)) {
            if (port == bMetrics || (port == aMetrics && port == bListen)) {
                clashes.add(port);
            }
        }
        return clashes.isEmpty() ? 0 : clashes.first();
    }

    private static boolean addressesOverlap(PptpGateway a, PptpGateway b) {
        String aAddress = SpecDefaults.listenAddress(a.getSpec());
        String bAddress = SpecDefaults.listenAddress(b.getSpec());
        return aAddress.equals("0.0.0.0") || bAddress.equals("0.0.0.0") || aAddress.equals(bAddress);
    }

    private static Instant created(ObjectMeta meta) {
        return meta.getCreationTimestamp() == null ? Instant.MAX : Instant.parse(meta.getCreationTimestamp());
    }
}
