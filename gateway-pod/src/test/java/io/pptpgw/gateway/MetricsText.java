package io.pptpgw.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a gateway's {@code /metrics} in the Prometheus text format, read one series at a time. */
record MetricsText(String text) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * The value of the series with exactly these labels (name, value, name, value, ...), or 0 when the gateway does
     * not expose it.
     */
    double value(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs: " + String.join(", ", labels));
        }
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (String line : text.lines().filter(line -> !line.startsWith("#")).toList()) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()
                    && sample.group(1).equals(name)
                    && labels(sample.group(2)).equals(wanted)) {
                return Double.parseDouble(sample.group(3));
            }
        }
        return 0;
    }

    /** How much a series grew since {@code before}. */
    double increase(MetricsText before, String name, String... labels) {
        return value(name, labels) - before.value(name, labels);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
