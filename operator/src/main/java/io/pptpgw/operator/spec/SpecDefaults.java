package io.pptpgw.operator.spec;

import io.fabric8.kubernetes.api.model.Toleration;
import io.pptpgw.api.v1alpha1.ClientPool;
import io.pptpgw.api.v1alpha1.Listen;
import io.pptpgw.api.v1alpha1.MetricsSpec;
import io.pptpgw.api.v1alpha1.PptpGatewaySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few spec values the operator itself acts on, with the schema's defaults applied. The API server stores them
 * defaulted already; these cover objects that did not pass through it (tests, an older CRD).
 */
public final class SpecDefaults {
    private SpecDefaults() {}

    public static int listenPort(PptpGatewaySpec spec) {
        return Optional.ofNullable(spec.listen()).map(Listen::port).orElse(Listen.DEFAULT_PORT);
    }

    public static String listenAddress(PptpGatewaySpec spec) {
        return Optional.ofNullable(spec.listen()).map(Listen::address).orElse(Listen.DEFAULT_ADDRESS);
    }

    public static int metricsPort(PptpGatewaySpec spec) {
        return Optional.ofNullable(spec.metrics()).map(MetricsSpec::port).orElse(MetricsSpec.DEFAULT_PORT);
    }

    public static boolean podMonitor(PptpGatewaySpec spec) {
        return Optional.ofNullable(spec.metrics()).map(MetricsSpec::podMonitor).orElse(false);
    }

    public static int perNodePrefixLength(PptpGatewaySpec spec) {
        return Optional.ofNullable(spec.clientPool())
                .map(ClientPool::perNodePrefixLength)
                .orElse(ClientPool.DEFAULT_PER_NODE_PREFIX_LENGTH);
    }

    public static Map<String, String> nodeSelector(PptpGatewaySpec spec) {
        return spec.nodeSelector() == null ? Map.of() : spec.nodeSelector();
    }

    public static List<Toleration> tolerations(PptpGatewaySpec spec) {
        return spec.tolerations() == null ? List.of() : spec.tolerations();
    }
}
