package io.pptpgw.operator.render;

import io.pptpgw.api.v1alpha1.PptpGateway;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Prometheus Operator PodMonitor that scrapes every gateway pod's {@code metrics} port. */
public final class PodMonitorRenderer {
    public static final String GROUP = "monitoring.coreos.com";
    public static final String VERSION = "v1";
    public static final String KIND = "PodMonitor";

    private PodMonitorRenderer() {}

    public static PodMonitor render(PptpGateway gateway) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", "metrics");
        endpoint.put("path", "/metrics");
        endpoint.put("interval", "30s");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", GatewayLabels.selector(gateway)));
        spec.put("podMetricsEndpoints", List.of(endpoint));
        PodMonitor podMonitor = new PodMonitor();
        podMonitor.setApiVersion(GROUP + "/" + VERSION);
        podMonitor.setKind(KIND);
        podMonitor.setMetadata(Owners.metadata(gateway, ObjectNames.podMonitor(gateway)));
        podMonitor.setAdditionalProperty("spec", spec);
        return podMonitor;
    }
}
