package io.pptpgw.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionSetTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123Z");
    static final Instant T1 = Instant.parse("2026-11-26T11:00:00Z");

    @Test
    void aNewConditionGetsTheTimeInWholeSeconds() {
        var set = new ConditionSet(null).set("Ready", false, "Pending", "waiting", 1, T0);
        assertThat(set.get("Ready").getLastTransitionTime()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(set.get("Ready").getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void sayingTheSameAgainKeepsTheSameObject() {
        var first =
                new ConditionSet(null).set("Ready", true, "Ready", "ok", 1, T0).toList();
        var again =
                new ConditionSet(first).set("Ready", true, "Ready", "ok", 1, T1).toList();
        assertThat(again.getFirst()).isSameAs(first.getFirst());
    }

    @Test
    void aNewMessageKeepsTheTransitionTimeAndAFlipMovesIt() {
        var first = new ConditionSet(null)
                .set("Ready", false, "Pending", "waiting", 1, T0)
                .toList();
        var reworded = new ConditionSet(first).set("Ready", false, "RollingOut", "1 of 2", 2, T1);
        assertThat(reworded.get("Ready").getLastTransitionTime()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(reworded.get("Ready").getReason()).isEqualTo("RollingOut");
        assertThat(reworded.get("Ready").getObservedGeneration()).isEqualTo(2L);
        var flipped = new ConditionSet(reworded.toList()).set("Ready", true, "Ready", "ok", 2, T1);
        assertThat(flipped.get("Ready").getLastTransitionTime()).isEqualTo("2026-11-26T11:00:00Z");
    }

    @Test
    void conditionsAreListedInAFixedOrder() {
        var set = new ConditionSet(null)
                .set("Conflict", false, "NoConflict", "", 1, T0)
                .set("Ready", false, "Pending", "", 1, T0)
                .set("Invalid", false, "Valid", "", 1, T0);
        assertThat(set.toList()).extracting(c -> c.getType()).containsExactly("Ready", "Invalid", "Conflict");
    }
}
