package io.pptpgw.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A registry scraped as the Prometheus text format, the way a scraper sees it. */
record Scrape(String text) {
    static Scrape of(PrometheusRegistry registry) {
        return of(registry.scrape());
    }

    static Scrape of(MetricSnapshots snapshots) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ExpositionFormats.init().getPrometheusTextFormatWriter().write(out, snapshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(out.toString(StandardCharsets.UTF_8));
    }

    /** The sample lines ({@code name{labels} value}), without HELP and TYPE. */
    List<String> samples() {
        return text.lines().filter(line -> !line.startsWith("#")).toList();
    }

    /** The sample lines of one metric family (its name as exposed, with or without a suffix such as _bucket). */
    List<String> samples(String name) {
        return samples().stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .toList();
    }

    /** The names declared by {@code # TYPE} lines. */
    List<String> families() {
        return text.lines()
                .filter(line -> line.startsWith("# TYPE "))
                .map(line -> line.split(" ")[2])
                .toList();
    }
}
