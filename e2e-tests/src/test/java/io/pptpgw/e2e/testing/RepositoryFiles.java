package io.pptpgw.e2e.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the tests check: the chart, the image recipe, the kind e2e assets, the workflows. */
public final class RepositoryFiles {
    private RepositoryFiles() {}

    /**
     * The repository root: {@code pptpgw.repositoryRoot} (the e2e-tests pom sets it), else the first directory up
     * from the working directory that holds the chart.
     */
    public static Path root() {
        String configured = System.getProperty("pptpgw.repositoryRoot");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("charts/pptpgw-operator"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no charts/pptpgw-operator above "
                + Path.of("").toAbsolutePath() + "; set -Dpptpgw.repositoryRoot to the repository root");
    }

    public static Path chart() {
        return root().resolve("charts/pptpgw-operator");
    }

    public static Path kind() {
        return root().resolve("e2e-tests/kind");
    }

    public static Path manifest(String name) {
        return kind().resolve("manifests").resolve(name);
    }

    public static Path generatedCrd() {
        return root().resolve("crds/generated/pptpgateways.pptpgw.io-v1.yml");
    }

    public static Path operatorRbac(String file) {
        return root().resolve("operator/rbac").resolve(file);
    }
}
