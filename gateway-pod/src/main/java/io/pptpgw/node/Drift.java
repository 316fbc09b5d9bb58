package io.pptpgw.node;

import java.util.List;

/** What a drift check found different from what the gateway programmed, one readable line per difference. */
public record Drift(List<String> differences) {
    public Drift {
        differences = List.copyOf(differences);
        if (differences.isEmpty()) {
            throw new IllegalArgumentException("a drift has at least one difference");
        }
    }

    @Override
    public String toString() {
        return String.join("; ", differences);
    }
}
