package io.pptpgw.interop;

import java.util.List;

/** The MPPE variants a scenario asks pppd for (RFC 3078 §2: key length and stateless mode), as pppd options. */
public enum Mppe {
    /** No encryption (pppd's default). */
    NONE(List.of("nomppe")),
    STATELESS_128(List.of("require-mppe-128", "nomppe-stateful")),
    /** pppd still offers stateless first and accepts stateful if the peer insists (pppd(8), mppe-stateful). */
    STATEFUL_128(List.of("require-mppe-128", "mppe-stateful")),
    STATELESS_40(List.of("require-mppe-40", "nomppe-stateful")),
    STATEFUL_40(List.of("require-mppe-40", "mppe-stateful"));

    private final List<String> pppdOptions;

    Mppe(List<String> pppdOptions) {
        this.pppdOptions = pppdOptions;
    }

    public List<String> pppdOptions() {
        return pppdOptions;
    }

    /** The words pppd logs when CCP opens with this variant, e.g. "MPPE 128-bit stateless compression enabled". */
    public String pppdLogLine() {
        return switch (this) {
            case NONE -> "";
            case STATELESS_128 -> "MPPE 128-bit stateless compression enabled";
            case STATEFUL_128 -> "MPPE 128-bit stateful compression enabled";
            case STATELESS_40 -> "MPPE 40-bit stateless compression enabled";
            case STATEFUL_40 -> "MPPE 40-bit stateful compression enabled";
        };
    }
}
