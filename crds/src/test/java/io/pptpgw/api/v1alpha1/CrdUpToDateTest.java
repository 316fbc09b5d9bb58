package io.pptpgw.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.crdv2.generator.CRDGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed CRD is exactly what the Fabric8 CRD generator makes from the API types today. Run with
 * {@code -Dcrd.update=true} to rewrite it after changing the types, and review the diff.
 */
class CrdUpToDateTest {
    static final Path COMMITTED = Path.of("generated", PptpGateway.CRD_NAME + "-v1.yml");
    static final String UPDATE_COMMAND =
            "mvn -B -pl crds -am test -Dtest=CrdUpToDateTest -Dsurefire.failIfNoSpecifiedTests=false -Dcrd.update=true";

    @Test
    void committedCrdMatchesAFreshGeneration(@TempDir Path out) throws IOException {
        String fresh = generate(out);
        if (Boolean.getBoolean("crd.update")) {
            Files.writeString(COMMITTED, fresh);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        if (!committed.equals(fresh)) {
            fail("%s is stale; regenerate it with%n  %s%nfirst differing lines:%n%s"
                    .formatted(COMMITTED, UPDATE_COMMAND, LineDiff.firstDifferences(committed, fresh, 20)));
        }
    }

    @Test
    void generatedCrdHasTheShortNameStatusAndPrinterColumns() throws IOException {
        String crd = Files.readString(COMMITTED);
        assertThat(crd)
                .contains("- pptpgw")
                .contains("status: {}")
                .contains("name: Ready")
                .contains("name: Nodes")
                .contains("name: Pool")
                .contains("name: Age")
                .contains("x-kubernetes-validations");
    }

    static String generate(Path out) throws IOException {
        new CRDGenerator()
                .customResourceClasses(PptpGateway.class)
                .forCRDVersions(List.of("v1"))
                .withMinQuotes(true)
                .withPostProcessor(new PrinterColumnOrder())
                .withMinQuotes(true)
                .withPostProcessor(new PrinterColumnOrder())
                .inOutputDir(out.toFile())
                .generate();
        return Files.readString(out.resolve(COMMITTED.getFileName()));
    }
}
