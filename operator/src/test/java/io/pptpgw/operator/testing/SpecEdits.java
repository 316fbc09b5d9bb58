package io.pptpgw.operator.testing;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.api.v1alpha1.PptpGatewaySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies of a gateway with one spec field changed, addressed as in YAML: {@code with(g, "metrics.port", 9724)}. */
public final class SpecEdits {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private SpecEdits() {}

    @SuppressWarnings("unchecked")
    public static PptpGateway with(PptpGateway gateway, String path, Object value) {
        PptpGateway copy = SERIALIZATION.clone(gateway);
        Map<String, Object> spec = SERIALIZATION.convertValue(copy.getSpec(), Map.class);
        String[] keys = path.split("\\.");
        Map<String, Object> parent = spec;
        for (int i = 0; i < keys.length - 1; i++) {
            parent = (Map<String, Object>) parent.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>());
        }
        parent.put(keys[keys.length - 1], value);
        copy.setSpec(SERIALIZATION.convertValue(spec, PptpGatewaySpec.class));
        return copy;
    }
}
