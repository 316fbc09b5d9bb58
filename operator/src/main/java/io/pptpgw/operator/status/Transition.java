package io.pptpgw.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.pptpgw.api.v1alpha1.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A condition change worth a Kubernetes Event: a gateway became ready or stopped being ready, or a problem
 * (Invalid, Conflict, Degraded) appeared, changed or cleared.
 *
 * @param warning Warning rather than Normal
 */
public record Transition(boolean warning, String reason, String message) {

    public static List<Transition> between(List<Condition> before, List<Condition> after) {
        ConditionSet old = new ConditionSet(before);
        ConditionSet now = new ConditionSet(after);
        List<Transition> transitions = new ArrayList<>();
        Condition ready = now.get(Conditions.READY);
        if (ready != null && old.isTrue(Conditions.READY) != now.isTrue(Conditions.READY)) {
            transitions.add(
                    now.isTrue(Conditions.READY)
                            ? new Transition(false, "Ready", ready.getMessage())
                            : new Transition(true, "NotReady", ready.getReason() + ": " + ready.getMessage()));
        }
        for (String problem : List.of(Conditions.INVALID, Conditions.CONFLICT, Conditions.DEGRADED)) {
            Condition was = old.get(problem);
            Condition is = now.get(problem);
            if (is == null) {
                continue;
            }
            if (now.isTrue(problem) && (!old.isTrue(problem) || !sameText(was, is))) {
                transitions.add(new Transition(true, is.getReason(), is.getMessage()));
            } else if (!now.isTrue(problem) && old.isTrue(problem)) {
                transitions.add(new Transition(false, problem + "Cleared", was.getReason() + " no longer applies"));
            }
        }
        return List.copyOf(transitions);
    }

    private static boolean sameText(Condition a, Condition b) {
        return a != null
                && Objects.equals(a.getReason(), b.getReason())
                && Objects.equals(a.getMessage(), b.getMessage());
    }
}
