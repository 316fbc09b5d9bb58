package io.pptpgw.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of {@code /metrics} in the Prometheus text format, read back as samples: a sample is found by its name
 * and the labels it must carry, whatever order the exposition writes them in.
 */
record Scrape(String text, List<Sample> samples) {
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {}

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.lines().toList()) {
            Matcher matcher = LINE.matcher(line);
            if (line.startsWith("#") || !matcher.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(2) != null) {
                Matcher label = LABEL.matcher(matcher.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
        }
        return new Scrape(text, List.copyOf(samples));
    }

    /**
     * The value of the sample {@code name} whose labels include {@code labels} ({@code "key=value"} each).
     *
     * @throws AssertionError when the scrape has no such sample, or more than one
     */
    double value(String name, String... labels) {
        return find(name, labels)
                .orElseThrow(() -> new AssertionError(
                        "no sample " + series(name, labels) + " in the scrape; samples of " + name + ": " + of(name)));
    }

    /** The sample's value, or empty when there is none. */
    Optional<Double> find(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String label : labels) {
            int equals = label.indexOf('=');
            wanted.put(label.substring(0, equals), label.substring(equals + 1));
        }
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(wanted.entrySet()))
                .toList();
        if (matching.size() > 1) {
            throw new AssertionError(series(name, labels) + " matches " + matching.size() + " samples: " + matching);
        }
        return matching.stream().findFirst().map(Sample::value);
    }

    private List<Sample> of(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    static String series(String name, String... labels) {
        return labels.length == 0 ? name : name + "{" + String.join(",", labels) + "}";
    }
}
