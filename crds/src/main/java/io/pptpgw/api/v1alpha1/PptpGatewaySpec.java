package io.pptpgw.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * What a user declares. Field names are part of the API (BRIEF §2); optional objects may be left out and take
 * their defaults.
 */
public record PptpGatewaySpec(
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        Listen listen,
        @Required ClientPool clientPool,
        @Size(max = 2) List<String> dns,
        @Default("1400") @Min(576) @Max(1500) Integer mtu,
        MssClamping mssClamping,
        @Required Authentication authentication,
        Masquerade masquerade,
        @Size(max = 8) List<Wan> wans,
        Passthrough passthrough,
        Limits limits,
        Keepalive keepalive,
        MetricsSpec metrics,
        String tunnelInterface,
        String image) {}
