package io.pptpgw.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** TCP MSS clamping on SYNs through the tunnel: to the route MTU, to a fixed value, or off. */
public record MssClamping(
        @Default("PathMtu") Mode mode, @Min(536) @Max(1460) Integer value) {
    public enum Mode {
        PathMtu,
        Fixed,
        Off
    }
}
