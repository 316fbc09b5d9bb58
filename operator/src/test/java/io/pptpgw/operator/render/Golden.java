package io.pptpgw.operator.render;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden/: the rendered YAML must equal the committed file. Run with
 * {@code -Dgolden.update=true} to rewrite them, then review the diff.
 */
final class Golden {
    static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {}

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual);
        }
        String expected = Files.exists(file) ? Files.readString(file) : "";
        if (!expected.equals(actual)) {
            fail("%s differs from the rendering; if the change is intended, rewrite it with%n"
                    + "  mvn -B -pl operator -am test -Dtest='*RendererTest' -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dgolden.update=true%n--- expected%n%s%n--- actual%n%s".formatted(file, expected, actual));
        }
    }
}
