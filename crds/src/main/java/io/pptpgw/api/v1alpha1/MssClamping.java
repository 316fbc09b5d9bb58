package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** TCP MSS clamping on SYNs through the tunnel: to the route MTU, to a fixed value, or off. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.mode) || self.mode != 'Fixed' || has(self.value)",
        message = "value is required when mode is Fixed",
        fieldPath = ".value",
        reason = "FieldValueRequired")
@ValidationRule(
        value = "!has(self.value) || (has(self.mode) && self.mode == 'Fixed')",
        message = "value is allowed only when mode is Fixed",
        fieldPath = ".value",
        reason = "FieldValueForbidden")
public record MssClamping(
        @Default("PathMtu") Mode mode, @Min(536) @Max(1460) Integer value) {
    public enum Mode {
        PathMtu,
        Fixed,
        Off
    }
}
