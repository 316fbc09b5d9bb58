package io.pptpgw.operator.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.plan.GatewayPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway pod's configuration: {@code gateway.yaml} is the PptpGateway itself (apiVersion, kind, name,
 * namespace and spec, the file a standalone gateway also reads), and {@code node-pools.yaml} maps each node name to
 * its client sub-pool.
 */
public final class GatewayConfigRenderer {
    private GatewayConfigRenderer() {}

    public static ConfigMap render(PptpGateway gateway, GatewayPlan plan) {
        Map<String, String> data = new TreeMap<>();
        data.put(GatewayPodContract.GATEWAY_YAML, gatewayYaml(gateway));
        data.put(GatewayPodContract.NODE_POOLS_YAML, nodePoolsYaml(plan));
        return new ConfigMapBuilder()
                .withMetadata(Owners.metadata(gateway, ObjectNames.configMap(gateway)))
                .withData(data)
                .build();
    }

    /** The resource as a user would write it: no status, no server-side metadata. */
    public static String gatewayYaml(PptpGateway gateway) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", gateway.getMetadata().getName());
        metadata.put("namespace", gateway.getMetadata().getNamespace());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", gateway.getApiVersion());
        document.put("kind", gateway.getKind());
        document.put("metadata", metadata);
        document.put("spec", gateway.getSpec());
        return RenderYaml.write(document);
    }

    static String nodePoolsYaml(GatewayPlan plan) {
        Map<String, String> pools = new TreeMap<>();
        plan.pools().forEach((node, pool) -> pools.put(node, pool.toString()));
        return pools.isEmpty() ? "{}\n" : RenderYaml.write(pools);
    }
}
