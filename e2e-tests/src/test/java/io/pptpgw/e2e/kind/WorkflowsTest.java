package io.pptpgw.e2e.kind;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pptpgw.e2e.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The GitHub Actions workflows parse as YAML and say what they must: CI runs .ci/run as root on JDK 25; the e2e
 * workflow runs kind/run.sh on every pull request with JDK 25, kind and helm installed.
 */
class WorkflowsTest {

    static JsonNode workflow(String name) throws IOException {
        return new YAMLMapper()
                .readTree(RepositoryFiles.root()
                        .resolve(Path.of(".github/workflows", name))
                        .toFile());
    }

    static List<JsonNode> steps(JsonNode workflow) {
        List<JsonNode> steps = new ArrayList<>();
        workflow.get("jobs").forEach(job -> job.get("steps").forEach(steps::add));
        return steps;
    }

    static JsonNode uses(JsonNode workflow, String action) {
        return steps(workflow).stream()
                .filter(step -> step.path("uses").asText().startsWith(action + "@"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step uses " + action));
    }

    @Test
    void ciRunsCiRunAsRootOnJdk25() throws IOException {
        JsonNode ci = workflow("ci.yml");

        assertThat(ci.get("on").has("pull_request")).isTrue();
        assertThat(ci.get("on").get("push").get("branches").get(0).asText()).isEqualTo("main");
        assertThat(uses(ci, "actions/setup-java")
                        .get("with")
                        .get("java-version")
                        .asText())
                .isEqualTo("25");
        assertThat(steps(ci))
                .anySatisfy(step -> assertThat(step.path("run").asText())
                        .startsWith("sudo ")
                        .endsWith("bash .ci/run"));
    }

    @Test
    void e2eRunsTheKindScriptOnEveryPullRequest() throws IOException {
        JsonNode e2e = workflow("e2e.yml");

        assertThat(e2e.get("on").has("pull_request")).isTrue();
        assertThat(uses(e2e, "actions/setup-java")
                        .get("with")
                        .get("java-version")
                        .asText())
                .isEqualTo("25");
        assertThat(uses(e2e, "helm/kind-action").get("with").get("install_only").asBoolean())
                .isTrue();
        assertThat(uses(e2e, "azure/setup-helm").get("with").get("version").asText())
                .startsWith("v3.");
        assertThat(steps(e2e))
                .anySatisfy(step -> assertThat(step.path("run").asText()).isEqualTo("bash e2e-tests/kind/run.sh"));
        assertThat(RepositoryFiles.kind().resolve("run.sh")).isExecutable();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ci.yml", "e2e.yml"})
    void everyActionIsPinnedToAVersion(String name) throws IOException {
        assertThat(steps(workflow(name)))
                .filteredOn(step -> step.has("uses"))
                .isNotEmpty()
                .allSatisfy(step -> assertThat(step.get("uses").asText()).matches("[\\w.-]+/[\\w.-]+@v[\\d.]+"));
    }
}
