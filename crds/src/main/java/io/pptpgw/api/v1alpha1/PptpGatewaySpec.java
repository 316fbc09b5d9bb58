package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * What a user declares. Field names are part of the API (BRIEF §2). Optional objects default to {@code {}} in the
 * schema, so the API server fills in every nested default and the stored object spells the whole configuration out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.metrics) || !has(self.listen) || !has(self.metrics.port) || !has(self.listen.port)"
                + " || self.metrics.port != self.listen.port",
        message = "metrics.port must differ from listen.port: both listen on the node's network",
        fieldPath = ".metrics.port",
        reason = "FieldValueInvalid")
@ValidationRule(
        value = "!has(self.wans) || self.wans.all(w, self.wans.exists_one(x, x.name == w.name))",
        message = "wans[].name must be unique",
        fieldPath = ".wans",
        reason = "FieldValueInvalid")
@ValidationRule(
        value = "!has(self.wans) || self.wans.all(w, self.wans.exists_one(x, x.mark == w.mark))",
        message = "wans[].mark must be unique: each WAN pins its sessions with its own fwmark",
        fieldPath = ".wans",
        reason = "FieldValueInvalid")
@ValidationRule(
        value = "!has(self.wans) || self.wans.all(w, self.wans.exists_one(x, x.table == w.table))",
        message = "wans[].table must be unique: each WAN routes through its own table",
        fieldPath = ".wans",
        reason = "FieldValueInvalid")
public record PptpGatewaySpec(
        @JsonPropertyDescription("Labels a node must have to run a gateway pod (one pod per node).")
        Map<String, String> nodeSelector,

        @JsonPropertyDescription("Tolerations of the gateway pods, for tainted gateway nodes.")
        List<Toleration> tolerations,

        @Default("{}") Listen listen,
        @Required ClientPool clientPool,

        @JsonPropertyDescription("Up to two IPv4 DNS servers pushed to clients by IPCP (RFC 1877).") @Size(max = 2)
        List<@Pattern(Patterns.IPV4) String> dns,

        @JsonPropertyDescription("PPP MTU and MRU.") @Default("1400") @Min(576) @Max(1500)
        Integer mtu,

        @Default("{}") MssClamping mssClamping,
        @Required Authentication authentication,
        @Default("{}") Masquerade masquerade,

        @JsonPropertyDescription("Uplinks for fwmark-pinned multi-WAN: a session leaves on the WAN it came in on.")
        @Size(max = 8)
        List<Wan> wans,

        @Default("{}") Passthrough passthrough,
        @Default("{}") Limits limits,
        @Default("{}") Keepalive keepalive,
        @Default("{}") MetricsSpec metrics,

        @JsonPropertyDescription("Name of the TUN device on the node; the gateway picks one when unset.")
        @Pattern(Patterns.INTERFACE_NAME)
        String tunnelInterface,

        @JsonPropertyDescription("Gateway image; the operator's own image when unset.") @Size(max = 512)
        String image) {}
