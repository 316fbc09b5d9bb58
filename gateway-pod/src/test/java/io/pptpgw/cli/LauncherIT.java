package io.pptpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code pptpgw} script at the repository root runs the shaded jar that {@code package} built. */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path LAUNCHER = ROOT.resolve("pptpgw");
    private static Path jar;

    @BeforeAll
    static void findTheJar() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("gateway-pod/target"))) {
            jar = files.filter(path -> path.getFileName().toString().matches("pptpgw-gateway-.*-cli\\.jar"))
                    .findFirst()
                    .orElse(null);
        }
        assumeTrue(
                jar != null && Files.isExecutable(LAUNCHER), "needs the shaded jar from mvn package and " + LAUNCHER);
    }

    @Test
    void versionPrintsTheImplementationVersionFromTheJarsManifest() throws IOException {
        String manifestVersion;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifestVersion = file.getManifest().getMainAttributes().getValue("Implementation-Version");
        }

        ExecResult result = Invocation.of(LAUNCHER.toString(), "version").run().orThrow();

        assertThat(manifestVersion).isNotBlank();
        assertThat(result.stdout()).isEqualTo("pptpgw " + manifestVersion + "\n");
    }

    @Test
    void helpThroughTheLauncherListsTheLabCommand() {
        ExecResult result = Invocation.of(LAUNCHER.toString(), "--help").run().orThrow();

        assertThat(result.stdout()).contains("Usage: pptpgw").containsPattern("(?m)^  lab ");
    }

    @Test
    void anOlderJavaHomeIsPassedOverForJdk25() {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeTrue(Files.isDirectory(jdk17), "needs an older JDK at " + jdk17);

        ExecResult result = Invocation.of(LAUNCHER.toString(), "version")
                .withEnvironment("JAVA_HOME", jdk17.toString())
                .run();

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout()).startsWith("pptpgw ");
    }
}
