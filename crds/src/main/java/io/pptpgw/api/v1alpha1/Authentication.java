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
import java.util.List;

/**
 * Who may connect and how. The default is the safest PPTP offers: MS-CHAPv2 only, MPPE-128 required, lockout on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.allowInsecure) && self.allowInsecure) || !has(self.methods)"
                + " || self.methods.all(m, m == 'MSCHAPv2')",
        message = "methods PAP and CHAP need allowInsecure: true (they do not protect the password)",
        fieldPath = ".methods",
        reason = "FieldValueForbidden")
@ValidationRule(
        value = "!has(self.encryption) || self.encryption == 'Off' || !has(self.methods)"
                + " || self.methods.exists(m, m == 'MSCHAPv2')",
        message = "encryption Required or Optional needs MSCHAPv2 in methods (MPPE keys come from MS-CHAPv2)",
        fieldPath = ".encryption",
        reason = "FieldValueInvalid")
@ValidationRule(
        value = "!has(self.methods) || self.methods.all(m, self.methods.exists_one(x, x == m))",
        message = "methods must not name a method twice",
        fieldPath = ".methods",
        reason = "FieldValueInvalid")
public record Authentication(
        @JsonPropertyDescription("Secret in the gateway's namespace: keys are user names, values passwords"
                + " or nthash:<32 hex digits>. Changes are picked up without dropping sessions.")
        @Required
        SecretRef usersSecretRef,

        @JsonPropertyDescription("PPP authentication methods offered, in order of preference.")
        @Default("[\"MSCHAPv2\"]")
        @Size(min = 1, max = 3)
        List<AuthMethod> methods,

        @JsonPropertyDescription("Allows PAP and CHAP, which do not protect the password.") @Default("false")
        Boolean allowInsecure,

        @JsonPropertyDescription("MPPE policy: Required (MPPE-128 or refuse), Optional, or Off.") @Default("Required")
        Encryption encryption,

        @Default("{}") Mppe mppe,
        @Default("{}") Lockout lockout) {

    /** A Secret in the gateway's namespace whose keys are user names and values passwords or nthash:hex. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecretRef(
            @Required @Pattern(Patterns.DNS_SUBDOMAIN) @Size(max = 253)
            String name) {}

    /**
     * Which MPPE variants beyond stateless 128-bit may be negotiated, and whether the gateway asks for stateful. A
     * client that merely allows stateful (pppd's mppe-stateful) still asks for stateless first, so it only gets
     * stateful from a gateway that asks for it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(
            value = "!has(self.preferStateful) || !self.preferStateful"
                    + " || (has(self.allowStateful) && self.allowStateful)",
            message = "preferStateful needs allowStateful: true",
            fieldPath = ".preferStateful",
            reason = "FieldValueInvalid")
    public record Mppe(
            @JsonPropertyDescription("Allows stateful MPPE (RFC 3078 without the stateless bit) when a client asks.")
            @Default("false")
            Boolean allowStateful,

            @JsonPropertyDescription("Allows 40-bit MPPE keys.") @Default("false")
            Boolean allow40Bit,

            @JsonPropertyDescription("Asks clients for stateful MPPE instead of stateless (needs allowStateful)."
                    + " Stateful mode stalls on loss until a CCP resync: leave it off over the Internet.")
            @Default("false")
            Boolean preferStateful) {}

    /** Brute-force lockout: maxFailures within window locks the user (and source) out for duration. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Lockout(
            @Default("5") @Min(1) @Max(1000) Integer maxFailures,
            @Default("5m") @Pattern(Patterns.DURATION) String window,
            @Default("15m") @Pattern(Patterns.DURATION) String duration) {}
}
