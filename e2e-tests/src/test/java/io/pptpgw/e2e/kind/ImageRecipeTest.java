package io.pptpgw.e2e.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.e2e.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two Dockerfiles, read (no Docker engine here to build them; CI's e2e workflow does): every file they copy from
 * the build context exists and is not left out by .dockerignore, the jars they copy are the ones the modules'
 * shade plugins make, the entrypoint is the script that runs those jars, and the runtime has the tools the gateway
 * runs (nft, ip, conntrack) and a non-root user.
 */
class ImageRecipeTest {
    static final Pattern CONTEXT_COPY = Pattern.compile("(?m)^COPY (?!--from)(.+) (\\S+)$");

    static String dockerfile() throws IOException {
        return Files.readString(RepositoryFiles.root().resolve("Dockerfile"));
    }

    @Test
    void everyFileCopiedFromTheContextExistsAndIsNotDockerignored() throws IOException {
        List<PathMatcher> ignored = dockerignore();
        List<String> sources = new ArrayList<>();
        Matcher copy = CONTEXT_COPY.matcher(dockerfile());
        while (copy.find()) {
            sources.addAll(List.of(copy.group(1).trim().split("\\s+")));
        }

        assertThat(sources)
                .contains("pom.xml", "crds/src", "gateway-pod/src/main", "operator/src/main", "docker/entrypoint.sh");
        for (String source : sources) {
            Path path = Path.of(source.replaceAll("/$", ""));
            assertThat(RepositoryFiles.root().resolve(path))
                    .as("COPY source %s", source)
                    .exists();
            assertThat(ignored).as("%s is not in .dockerignore", source).noneMatch(m -> matchesOrParent(m, path));
        }
    }

    @Test
    void theJarsCopiedAreTheOnesTheShadePluginsMake() throws IOException {
        String dockerfile = dockerfile();
        String operatorPom = Files.readString(RepositoryFiles.root().resolve("operator/pom.xml"));
        String gatewayPom = Files.readString(RepositoryFiles.root().resolve("gateway-pod/pom.xml"));

        assertThat(operatorPom)
                .contains("<artifactId>pptpgw-operator</artifactId>")
                .contains("<shadedClassifierName>all</shadedClassifierName>")
                .contains("<mainClass>io.pptpgw.operator.OperatorMain</mainClass>");
        assertThat(gatewayPom)
                .contains("<artifactId>pptpgw-gateway</artifactId>")
                .contains("<shadedClassifierName>cli</shadedClassifierName>")
                .contains("<mainClass>io.pptpgw.cli.PptpgwCommand</mainClass>");
        assertThat(dockerfile)
                .contains("cp operator/target/pptpgw-operator-*-all.jar /out/pptpgw-operator.jar")
                .contains("cp gateway-pod/target/pptpgw-gateway-*-cli.jar /out/pptpgw-gateway.jar")
                .contains("COPY --from=build /out/ /opt/pptpgw/");
    }

    @Test
    void theEntrypointIsTheScriptThatRunsThoseJars() throws IOException {
        String dockerfile = dockerfile();
        String entrypoint = Files.readString(RepositoryFiles.root().resolve("docker/entrypoint.sh"));

        assertThat(dockerfile)
                .contains("COPY docker/entrypoint.sh /usr/local/bin/pptpgw-entrypoint")
                .contains("ENTRYPOINT [\"/usr/local/bin/pptpgw-entrypoint\"]")
                .contains("PPTPGW_HOME=/opt/pptpgw")
                .contains("JAVA_HOME=/opt/java");
        assertThat(entrypoint).contains("$home/pptpgw-operator.jar").contains("$home/pptpgw-gateway.jar");
    }

    @Test
    void theRuntimeHasTheGatewaysToolsAndRunsAsNonRoot() throws IOException {
        String dockerfile = dockerfile();
        List<String> stages = List.of(dockerfile.split("(?m)^FROM "));
        String runtime = stages.getLast();

        assertThat(stages).hasSize(3);
        assertThat(runtime).containsPattern("apt-get install -y --no-install-recommends nftables iproute2 conntrack");
        assertThat(runtime).containsPattern("(?m)^USER 65532:65532$");
        assertThat(runtime)
                .contains("org.opencontainers.image.title")
                .contains("org.opencontainers.image.version")
                .contains("org.opencontainers.image.revision")
                .contains("org.opencontainers.image.source");
        assertThat(stages.get(1)).startsWith("${MAVEN_IMAGE} AS build");
        assertThat(dockerfile).contains("ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-25");
    }

    @Test
    void theClientImageInstallsTheStockLinuxClientAndItsScript() throws IOException {
        String dockerfile = Files.readString(RepositoryFiles.kind().resolve("client/Dockerfile"));

        assertThat(dockerfile)
                .contains("ppp pptp-linux iproute2 iputils-ping curl busybox")
                .contains("COPY pptp-dial /usr/local/bin/pptp-dial")
                .contains("ENTRYPOINT [\"/usr/local/bin/pptp-dial\"]")
                .contains("echo pptpgw-e2e-ok > /srv/www/index.html");
        assertThat(E2eManifests.read(E2eManifests.WEB_SERVER)).contains("-h, /srv/www]");
    }

    static List<PathMatcher> dockerignore() throws IOException {
        return Files.readAllLines(RepositoryFiles.root().resolve(".dockerignore")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.replaceAll("^/", "").replaceAll("/$", ""))
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
                .toList();
    }

    static boolean matchesOrParent(PathMatcher matcher, Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (matcher.matches(p)) {
                return true;
            }
        }
        return false;
    }
}
