package io.pptpgw.operator.render;

import io.pptpgw.api.v1alpha1.PptpGateway;

/** Names of the objects made for a gateway, derived from its name so they never collide across gateways. */
public final class ObjectNames {
    private ObjectNames() {}

    public static String configMap(PptpGateway gateway) {
        return gateway.getMetadata().getName() + "-config";
    }

    public static String daemonSet(PptpGateway gateway) {
        return gateway.getMetadata().getName() + "-gateway";
    }

    public static String metricsService(PptpGateway gateway) {
        return gateway.getMetadata().getName() + "-metrics";
    }

    public static String podMonitor(PptpGateway gateway) {
        return gateway.getMetadata().getName();
    }
}
