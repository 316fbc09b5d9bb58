package io.pptpgw.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.spec.SpecDefaults;

/**
 * A headless Service over the gateway pods' metrics port: its endpoints are one address per gateway node, which
 * is what Prometheus scrapes (each node's counters are its own).
 */
public final class MetricsServiceRenderer {
    private MetricsServiceRenderer() {}

    public static Service render(PptpGateway gateway) {
        int port = SpecDefaults.metricsPort(gateway.getSpec());
        return new ServiceBuilder()
                .withMetadata(Owners.metadata(gateway, ObjectNames.metricsService(gateway)))
                .withNewSpec()
                .withClusterIP("None")
                .withSelector(GatewayLabels.selector(gateway))
                .addNewPort()
                .withName("metrics")
                .withPort(port)
                .withTargetPort(new IntOrString("metrics"))
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }
}
