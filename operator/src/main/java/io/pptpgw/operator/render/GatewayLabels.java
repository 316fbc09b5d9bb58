package io.pptpgw.operator.render;

import io.pptpgw.api.v1alpha1.PptpGateway;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels of everything the operator creates for a gateway; the selector labels pick its pods. */
public final class GatewayLabels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String APP = "pptpgw-gateway";
    public static final String OPERATOR = "pptpgw-operator";

    /** Label selector of every object this operator manages; its informers watch only these. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    private GatewayLabels() {}

    /** Labels that select one gateway's pods (immutable in a DaemonSet, so kept minimal). */
    public static Map<String, String> selector(PptpGateway gateway) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(INSTANCE, gateway.getMetadata().getName());
        return labels;
    }

    /** Selector labels plus the component and the manager. */
    public static Map<String, String> all(PptpGateway gateway) {
        Map<String, String> labels = selector(gateway);
        labels.put(COMPONENT, "gateway");
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }
}
