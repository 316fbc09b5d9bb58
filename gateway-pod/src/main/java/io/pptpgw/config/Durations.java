package io.pptpgw.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the API writes them, Kubernetes style: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}. */
final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private Durations() {}

    static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 500ms, 30s, 5m or 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    });
        }
        return total;
    }

    /** The shortest API spelling of a duration: {@code 5m}, {@code 1h30m}, {@code 0s}. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder(duration.isNegative() ? "-" : "");
        Duration rest = duration.abs();
        long hours = rest.toHours();
        long minutes = rest.toMinutesPart();
        long seconds = rest.toSecondsPart();
        long millis = rest.toMillisPart();
        if (hours > 0) text.append(hours).append('h');
        if (minutes > 0) text.append(minutes).append('m');
        if (seconds > 0) text.append(seconds).append('s');
        if (millis > 0) text.append(millis).append("ms");
        return text.toString();
    }
}
