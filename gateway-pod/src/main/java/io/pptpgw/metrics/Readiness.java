package io.pptpgw.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What {@code /readyz} asks: nothing when the gateway is ready for clients, else a short reason why not. Asked on
 * every probe from the metrics server's thread, so it must be quick and thread safe.
 *
 * <pre>
 * Readiness.allOf(
 *         Readiness.when(server::isListening, "the PPTP listener is not up"),
 *         Readiness.when(programmer::inPlace, "the node's rules are not programmed"))
 * </pre>
 */
@FunctionalInterface
public interface Readiness {
    /** Ready before anything is wired; for tests and tools. */
    Readiness ALWAYS = Optional::empty;

    /** Empty when ready; otherwise one line saying what is missing. */
    Optional<String> notReadyBecause();

    /** Ready while {@code condition} holds; otherwise not, for {@code reason}. */
    static Readiness when(BooleanSupplier condition, String reason) {
        return () -> condition.getAsBoolean() ? Optional.empty() : Optional.of(reason);
    }

    /** Ready when every check is; otherwise not, for every reason that holds, in the order given. */
    static Readiness allOf(Readiness... checks) {
        List<Readiness> all = List.copyOf(Arrays.asList(checks));
        return () -> {
            List<String> reasons = all.stream()
                    .map(Readiness::notReadyBecause)
                    .flatMap(Optional::stream)
                    .toList();
            return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
        };
    }
}
