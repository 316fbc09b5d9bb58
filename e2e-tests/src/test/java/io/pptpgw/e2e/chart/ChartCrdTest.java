package io.pptpgw.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.pptpgw.e2e.testing.KubernetesYaml;
import io.pptpgw.e2e.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's CRD is the generated one, byte for byte: crds/generated/ is written by the Fabric8 CRD generator
 * (crds' CrdUpToDateTest) and never edited by hand, and the chart carries a copy in its crds/ directory, which Helm
 * installs as it is. {@code -Dcrd.update=true} refreshes both in one run, generator first (crds is built before
 * e2e-tests): {@value #UPDATE_COMMAND}.
 */
class ChartCrdTest {
    static final String UPDATE_COMMAND = "mvn -B -pl crds,e2e-tests -am test -Dtest='CrdUpToDateTest,ChartCrdTest'"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dcrd.update=true";

    static Path chartCopy() {
        return RepositoryFiles.chart()
                .resolve("crds")
                .resolve(RepositoryFiles.generatedCrd().getFileName());
    }

    @Test
    void chartCrdIsTheGeneratedCrdByteForByte() throws IOException {
        byte[] generated = Files.readAllBytes(RepositoryFiles.generatedCrd());
        if (Boolean.getBoolean("crd.update")) {
            Files.write(chartCopy(), generated);
        }
        byte[] copy = Files.exists(chartCopy()) ? Files.readAllBytes(chartCopy()) : new byte[0];
        if (!java.util.Arrays.equals(copy, generated)) {
            fail("%s differs from %s; refresh it with%n  %s%n(or cp %s %s)"
                    .formatted(
                            chartCopy(),
                            RepositoryFiles.generatedCrd(),
                            UPDATE_COMMAND,
                            RepositoryFiles.root().relativize(RepositoryFiles.generatedCrd()),
                            RepositoryFiles.root().relativize(chartCopy())));
        }
    }

    @Test
    void theChartsCrdDirectoryHoldsOnlyThatCrd() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(chartCopy().getParent())) {
            files = listing.toList();
        }

        assertThat(files).containsExactly(chartCopy());
        CustomResourceDefinition crd =
                KubernetesYaml.parseTyped(Files.readString(chartCopy()), CustomResourceDefinition.class);
        assertThat(crd.getMetadata().getName()).isEqualTo("pptpgateways.pptpgw.io");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("pptpgw");
    }
}
