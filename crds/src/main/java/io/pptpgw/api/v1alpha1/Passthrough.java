package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** PPTP through NAT for other hosts: the pptp conntrack helper, DNAT forwards and hairpin NAT. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.forwards) || self.forwards.all(f, self.forwards.exists_one(x, x.publicAddress =="
                + " f.publicAddress))",
        message = "forwards[].publicAddress must be unique",
        fieldPath = ".forwards",
        reason = "FieldValueInvalid")
public record Passthrough(
        @JsonPropertyDescription("Attaches the pptp conntrack helper to forwarded TCP 1723, so GRE follows.")
        @Default("true")
        Boolean conntrackHelper,

        @JsonPropertyDescription("Lets inside hosts reach forwards through their public address.") @Default("false")
        Boolean hairpin,

        @Size(max = 32) List<Forward> forwards) {

    /** TCP 1723 (and its GRE) arriving for {@code publicAddress} goes to the inside PPTP server {@code target}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Forward(
            @Required @Pattern(Patterns.IPV4) @Size(max = 15)
            String publicAddress,

            @Required @Pattern(Patterns.IPV4) @Size(max = 15)
            String target) {}
}
