package io.pptpgw.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.pptpgw.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's per-node split of the client pool: the {@code node-pools.yaml} key of the gateway ConfigMap, a map
 * of node name to CIDR ({@code worker-1: 10.250.0.0/24}), so that two nodes never hand out the same address.
 */
public record NodePools(Map<String, Cidr> pools) {
    public NodePools {
        pools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pools));
    }

    /** Parses and checks the file: every value a CIDR, no two nodes' pools overlapping. */
    public static NodePools parse(String yaml, String source) {
        JsonNode tree = GatewayConfigLoader.readTree(yaml, source);
        List<String> problems = new ArrayList<>();
        Map<String, Cidr> pools = new LinkedHashMap<>();
        if (!tree.isObject()) {
            throw new InvalidConfigException(
                    source, List.of(source + " must map node names to CIDRs, like" + " \"worker-1: 10.250.0.0/24\""));
        }
        tree.properties().forEach(entry -> {
            String node = entry.getKey();
            JsonNode value = entry.getValue();
            try {
                Cidr pool = Cidr.parse(value.isTextual() ? value.asText() : value.toString());
                pools.forEach((other, otherPool) -> {
                    if (otherPool.overlaps(pool)) {
                        problems.add(source + " " + node + " " + pool + " overlaps " + other + " " + otherPool);
                    }
                });
                pools.put(node, pool);
            } catch (IllegalArgumentException e) {
                problems.add(source + " " + node + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(source, problems);
        }
        return new NodePools(pools);
    }

    /** This node's pool, checked to lie inside the whole {@code spec.clientPool.cidr}; null and a problem if not. */
    Cidr poolFor(String node, Cidr whole, Problems problems) {
        if (node == null || node.isBlank()) {
            problems.add(GatewayConfigLoader.NODE_NAME_ENV + " is not set; a gateway pod learns its node from the"
                    + " downward API (fieldRef spec.nodeName) to pick its pool from node-pools.yaml");
            return null;
        }
        Cidr pool = pools.get(node);
        if (pool == null) {
            problems.add("node-pools.yaml has no pool for node \"" + node + "\" (it has " + pools.keySet()
                    + "); the operator assigns one when it selects the node");
            return null;
        }
        if (!whole.contains(pool)) {
            problems.add("node-pools.yaml " + node + " " + pool + " is outside spec.clientPool.cidr " + whole);
            return null;
        }
        return pool;
    }
}
