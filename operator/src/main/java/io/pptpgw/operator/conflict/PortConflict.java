package io.pptpgw.operator.conflict;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** An earlier gateway that already holds {@code port} on {@code nodes}, which this gateway selects too. */
public record PortConflict(String peerNamespace, String peerName, int port, SortedSet<String> nodes) {
    public PortConflict {
        nodes = Collections.unmodifiableSortedSet(new TreeSet<>(nodes));
    }

    public String message() {
        return "port %d on %s %s is taken by PptpGateway %s/%s (created earlier); this gateway does not run there"
                .formatted(
                        port, nodes.size() == 1 ? "node" : "nodes", String.join(", ", nodes), peerNamespace, peerName);
    }
}
