package io.pptpgw.operator.plan;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.pptpgw.api.v1alpha1.PptpGateway;
import java.util.List;
import java.util.Map;

/** Small gateways and nodes for the planning tests, written as a user would write them. */
public final class Gateways {
    private Gateways() {}

    public static PptpGateway gateway(String name, String created, String extraSpec) {
        String yaml = """
                apiVersion: pptpgw.io/v1alpha1
                kind: PptpGateway
                metadata: {name: %s, namespace: vpn, uid: uid-%s, generation: 1, creationTimestamp: "%s"}
                spec:
                  nodeSelector: {pptpgw.io/gateway: "true"}
                  clientPool: {cidr: 10.250.0.0/16, perNodePrefixLength: 24}
                  authentication: {usersSecretRef: {name: users}}
                %s
                """.formatted(name, name, created, extraSpec.indent(2));
        return Serialization.unmarshal(yaml, PptpGateway.class);
    }

    public static Node node(String name, Map<String, String> labels, Taint... taints) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withTaints(List.of(taints))
                .endSpec()
                .build();
    }

    public static Node gatewayNode(String name) {
        return node(name, Map.of("pptpgw.io/gateway", "true"));
    }
}
