package io.pptpgw.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a bench run found: per measurement, comparisons of the tunnel against a baseline of the same run (as ratios,
 * the only figures meant to be compared across machines and runs), and plain figures measured alongside.
 */
public record BenchReport(Setup setup, List<Section> sections) {
    public BenchReport {
        sections = List.copyOf(sections);
    }

    /** How the run was made. */
    public record Setup(int cores, String traffic, double durationSeconds, int rounds, String version) {}

    /** One measurement: what was compared, and what was measured besides. */
    public record Section(String name, String description, List<Comparison> comparisons, List<Figure> figures) {
        public Section {
            comparisons = List.copyOf(comparisons);
            figures = List.copyOf(figures);
        }
    }

    /**
     * The tunnel against its baseline over one or more rounds, each a baseline run and a tunnel run back to back.
     * {@code ratio} is the median of the rounds' tunnel/baseline ratios (pairing keeps it meaningful when the
     * machine's speed drifts), {@code ratioMin} and {@code ratioMax} their spread; {@code baseline} and
     * {@code tunnel} are the medians of the raw figures, in {@code unit}.
     */
    public record Comparison(
            String name,
            String unit,
            double baseline,
            double tunnel,
            double ratio,
            double ratioMin,
            double ratioMax,
            int rounds) {
        /** From paired runs: {@code baselines[i]} and {@code tunnels[i]} were measured one after the other. */
        static Comparison of(String name, String unit, double[] baselines, double[] tunnels) {
            double[] ratios = new double[baselines.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = baselines[i] == 0 ? 0 : tunnels[i] / baselines[i];
            }
            return new Comparison(
                    name,
                    unit,
                    median(baselines),
                    median(tunnels),
                    median(ratios),
                    Arrays.stream(ratios).min().orElse(0),
                    Arrays.stream(ratios).max().orElse(0),
                    ratios.length);
        }
    }

    /** A figure measured alongside the comparisons. */
    public record Figure(String name, double value, String unit) {}

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the bench report cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** The report for a person: ratios first, raw figures beside them. */
    public String toText() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "pptpgw bench %s: %d cores, traffic by %s, %.0f s runs, %d rounds",
                setup.version(),
                setup.cores(),
                setup.traffic(),
                setup.durationSeconds(),
                setup.rounds()));
        lines.add("ratios are tunnel / baseline, the median of paired rounds [lowest..highest]");
        String column = "  %-" + nameWidth() + "s";
        for (Section section : sections) {
            lines.add("");
            lines.add(section.name() + ": " + section.description());
            for (Comparison comparison : section.comparisons()) {
                lines.add(String.format(
                        Locale.ROOT,
                        column + " %6.3f [%.3f..%.3f]   tunnel %s, baseline %s",
                        comparison.name(),
                        comparison.ratio(),
                        comparison.ratioMin(),
                        comparison.ratioMax(),
                        format(comparison.tunnel(), comparison.unit()),
                        format(comparison.baseline(), comparison.unit())));
            }
            for (Figure figure : section.figures()) {
                lines.add(String.format(
                        Locale.ROOT, column + "  %s", figure.name(), format(figure.value(), figure.unit())));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** The widest name of a comparison or figure: the values line up in one column. */
    private int nameWidth() {
        return sections.stream()
                .flatMap(section -> Stream.concat(
                        section.comparisons().stream().map(Comparison::name),
                        section.figures().stream().map(Figure::name)))
                .mapToInt(String::length)
                .max()
                .orElse(0);
    }

    /** A value with its unit, scaled to k/M/G for rates and to KiB/MiB for bytes. */
    static String format(double value, String unit) {
        if (unit.equals("bytes")) {
            return value >= 1 << 20
                    ? String.format(Locale.ROOT, "%.1f MiB", value / (1 << 20))
                    : String.format(Locale.ROOT, "%.1f KiB", value / 1024);
        }
        String[] prefixes = {"", "k", "M", "G"};
        int prefix = 0;
        double scaled = value;
        while (Math.abs(scaled) >= 1000 && prefix < prefixes.length - 1 && unit.contains("/")) {
            scaled /= 1000;
            prefix++;
        }
        boolean whole = scaled >= 100 || scaled == Math.rint(scaled);
        return String.format(Locale.ROOT, whole ? "%.0f %s%s" : "%.3g %s%s", scaled, prefixes[prefix], unit);
    }
}
