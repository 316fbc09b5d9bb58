package io.pptpgw.operator.render;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.conflict.PortConflict;
import io.pptpgw.operator.plan.GatewayPlan;
import io.pptpgw.operator.pool.Ipv4Cidr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Gateways from the examples, as the API server would hand them to the reconciler, and plans for them. */
public final class Fixtures {
    public static final String IMAGE = "ghcr.io/pptpgw/pptpgw:0.1.0";

    private Fixtures() {}

    public static PptpGateway example(String file) {
        try {
            String yaml = Files.readString(Path.of(System.getProperty("pptpgw.examplesDir", "../examples"), file));
            PptpGateway gateway = Serialization.unmarshal(yaml, PptpGateway.class);
            gateway.getMetadata().setUid("6f1c2a8e-0b5d-4c3e-9a77-1d2e3f405162");
            gateway.getMetadata().setGeneration(3L);
            gateway.getMetadata().setCreationTimestamp("2026-11-26T10:00:00Z");
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** worker-1 and worker-2 run the gateway; worker-3 is taken by an earlier gateway. */
    public static GatewayPlan twoNodesOneConflict() {
        TreeMap<String, Ipv4Cidr> pools = new TreeMap<>();
        pools.put("worker-1", Ipv4Cidr.parse("10.250.0.0/24"));
        pools.put("worker-2", Ipv4Cidr.parse("10.250.1.0/24"));
        PortConflict conflict = new PortConflict("vpn", "branch", 1723, new TreeSet<>(List.of("worker-3")));
        return new GatewayPlan(
                List.of(),
                new TreeSet<>(List.of("worker-1", "worker-2", "worker-3")),
                pools,
                new TreeSet<>(List.of("worker-3")),
                List.of(conflict),
                Optional.empty(),
                IMAGE);
    }

    public static GatewayPlan oneNode() {
        TreeMap<String, Ipv4Cidr> pools = new TreeMap<>();
        pools.put("node-a", Ipv4Cidr.parse("10.251.0.0/24"));
        return new GatewayPlan(
                List.of(),
                new TreeSet<>(List.of("node-a")),
                pools,
                new TreeSet<>(),
                List.of(),
                Optional.empty(),
                IMAGE);
    }
}
