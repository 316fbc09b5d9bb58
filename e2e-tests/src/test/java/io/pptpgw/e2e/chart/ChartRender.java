package io.pptpgw.e2e.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pptpgw.e2e.testing.KubernetesYaml;
import io.pptpgw.e2e.testing.RepositoryFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code helm template} of the chart with Helm itself (the library helm-java bundles the Helm engine), and the
 * output parsed strictly into typed Kubernetes objects.
 *
 * <pre>{@code
 * List<HasMetadata> objects = ChartRender.defaults().set("leaderElection.enabled", false).objects();
 * }</pre>
 */
final class ChartRender {
    static final String RELEASE = "pptpgw-operator";
    static final String NAMESPACE = "pptpgw-system";
    /** The Kubernetes version the chart is rendered for; the chart needs 1.29 or newer. */
    static final String KUBE_VERSION = "1.34.0";

    private final Optional<Path> valuesFile;
    private final Map<String, Object> sets;

    private ChartRender(Optional<Path> valuesFile, Map<String, Object> sets) {
        this.valuesFile = valuesFile;
        this.sets = sets;
    }

    /** The chart's own values.yaml. */
    static ChartRender defaults() {
        return new ChartRender(Optional.empty(), Map.of());
    }

    /** Every value set, the monitoring extras on: src/test/resources/chart/values-full.yaml. */
    static ChartRender fullValues() {
        return withValuesFile(Path.of("src/test/resources/chart/values-full.yaml"));
    }

    static ChartRender withValuesFile(Path file) {
        return new ChartRender(Optional.of(file.toAbsolutePath()), Map.of());
    }

    /** The same, with {@code helm template --set key=value}. */
    ChartRender set(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(sets);
        more.put(key, value);
        return new ChartRender(valuesFile, more);
    }

    Optional<Path> valuesFile() {
        return valuesFile;
    }

    Map<String, Object> sets() {
        return sets;
    }

    /** The rendered manifests; Helm's error (a schema violation, a template's fail) as an IllegalStateException. */
    String yaml() {
        TemplateCommand template = new Helm(RepositoryFiles.chart())
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        valuesFile.ifPresent(template::withValuesFile);
        sets.forEach(template::set);
        return template.call();
    }

    /** Every rendered object, each its typed Fabric8 class with no unknown field. */
    List<HasMetadata> objects() {
        return KubernetesYaml.parseTyped(yaml());
    }

    /** The one rendered object of {@code type} named {@code name}. */
    <T extends HasMetadata> T object(Class<T> type, String name) {
        List<T> matches = objects().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError(
                    "expected one " + type.getSimpleName() + " named " + name + ", rendered " + matches.size());
        }
        return matches.getFirst();
    }

    /** The one rendered object of {@code type}. */
    <T extends HasMetadata> T only(Class<T> type) {
        List<T> matches =
                objects().stream().filter(type::isInstance).map(type::cast).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + matches.size());
        }
        return matches.getFirst();
    }
}
