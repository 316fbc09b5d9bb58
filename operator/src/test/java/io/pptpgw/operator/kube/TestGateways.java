package io.pptpgw.operator.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.pptpgw.api.v1alpha1.PptpGateway;
import java.util.Optional;

/** Gateways for the reconciler test, and reading their conditions. */
final class TestGateways {
    private TestGateways() {}

    static PptpGateway gateway(String namespace, String name, String pool, int port, int metricsPort) {
        String yaml = """
                apiVersion: pptpgw.io/v1alpha1
                kind: PptpGateway
                metadata: {name: %s, namespace: %s}
                spec:
                  nodeSelector: {pptpgw.io/gateway: "true"}
                  listen: {port: %d}
                  metrics: {port: %d}
                  clientPool: {cidr: %s, perNodePrefixLength: 24}
                  authentication: {usersSecretRef: {name: office-users}}
                """.formatted(name, namespace, port, metricsPort, pool);
        return Serialization.unmarshal(yaml, PptpGateway.class);
    }

    static Optional<Condition> condition(PptpGateway gateway, String type) {
        if (gateway == null
                || gateway.getStatus() == null
                || gateway.getStatus().conditions() == null) {
            return Optional.empty();
        }
        return gateway.getStatus().conditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst();
    }

    static boolean isTrue(PptpGateway gateway, String type) {
        return condition(gateway, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }
}
