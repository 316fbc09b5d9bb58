package io.pptpgw.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.pptpgw.api.v1alpha1.Conditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The conditions of one status, in the metav1.Condition shape. Setting a condition to what it already says keeps
 * the old object; a new reason or message keeps {@code lastTransitionTime}, which moves only when the status flips.
 */
public final class ConditionSet {
    /** The order conditions are listed in, so the status reads the same every time. */
    static final List<String> ORDER = List.of(
            Conditions.READY, Conditions.PROGRAMMED, Conditions.DEGRADED, Conditions.INVALID, Conditions.CONFLICT);

    private final Map<String, Condition> byType = new LinkedHashMap<>();

    public ConditionSet(List<Condition> existing) {
        if (existing != null) {
            existing.forEach(condition -> byType.put(condition.getType(), condition));
        }
    }

    public ConditionSet set(String type, boolean status, String reason, String message, long generation, Instant now) {
        String statusText = status ? "True" : "False";
        Condition old = byType.get(type);
        String transition = old != null && statusText.equals(old.getStatus())
                ? old.getLastTransitionTime()
                : now.truncatedTo(ChronoUnit.SECONDS).toString();
        if (old != null
                && statusText.equals(old.getStatus())
                && Objects.equals(reason, old.getReason())
                && Objects.equals(message, old.getMessage())
                && Objects.equals(generation, old.getObservedGeneration())) {
            return this;
        }
        byType.put(
                type,
                new ConditionBuilder()
                        .withType(type)
                        .withStatus(statusText)
                        .withReason(reason)
                        .withMessage(message)
                        .withObservedGeneration(generation)
                        .withLastTransitionTime(transition)
                        .build());
        return this;
    }

    public boolean isTrue(String type) {
        Condition condition = byType.get(type);
        return condition != null && "True".equals(condition.getStatus());
    }

    public Condition get(String type) {
        return byType.get(type);
    }

    /** Known types in {@link #ORDER}, then any others as they came. */
    public List<Condition> toList() {
        List<Condition> list = new ArrayList<>();
        ORDER.stream().map(byType::get).filter(Objects::nonNull).forEach(list::add);
        byType.values().stream().filter(c -> !ORDER.contains(c.getType())).forEach(list::add);
        return List.copyOf(list);
    }
}
