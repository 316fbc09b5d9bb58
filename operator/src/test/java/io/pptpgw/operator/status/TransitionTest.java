package io.pptpgw.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionTest {
    static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void becomingReadyIsANormalEventAndLosingItAWarning() {
        var notReady = new ConditionSet(null)
                .set("Ready", false, "Pending", "waiting", 1, T)
                .toList();
        var ready = new ConditionSet(notReady)
                .set("Ready", true, "Ready", "2 of 2", 1, T)
                .toList();
        assertThat(Transition.between(notReady, ready)).containsExactly(new Transition(false, "Ready", "2 of 2"));
        assertThat(Transition.between(ready, notReady))
                .containsExactly(new Transition(true, "NotReady", "Pending: waiting"));
    }

    @Test
    void aProblemIsReportedWhenItAppearsOrChangesAndWhenItClears() {
        var fine = new ConditionSet(null)
                .set("Conflict", false, "NoConflict", "none", 1, T)
                .toList();
        var conflict = new ConditionSet(fine)
                .set("Conflict", true, "PortConflict", "port 1723 ...", 1, T)
                .toList();
        var other = new ConditionSet(conflict)
                .set("Conflict", true, "PortConflict", "port 9723 ...", 1, T)
                .toList();
        assertThat(Transition.between(fine, conflict))
                .containsExactly(new Transition(true, "PortConflict", "port 1723 ..."));
        assertThat(Transition.between(conflict, conflict)).isEmpty();
        assertThat(Transition.between(conflict, other)).hasSize(1);
        assertThat(Transition.between(other, fine))
                .containsExactly(new Transition(false, "ConflictCleared", "PortConflict no longer applies"));
    }

    @Test
    void aFirstStatusThatIsFalseEverywhereSaysNothing() {
        var first = new ConditionSet(null)
                .set("Ready", false, "Pending", "waiting", 1, T)
                .set("Invalid", false, "Valid", "ok", 1, T)
                .toList();
        assertThat(Transition.between(List.of(), first)).isEmpty();
    }
}
