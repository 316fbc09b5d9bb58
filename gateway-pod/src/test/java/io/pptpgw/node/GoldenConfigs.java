package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.config.GatewayConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The config shapes with golden rulesets: the full example plus one file per shape under
 * {@code src/test/resources/golden/config/}. Golden files are regenerated with {@code -Dgolden.update=true} and
 * reviewed in the diff.
 */
public final class GoldenConfigs {
    public static final List<String> SHAPES =
            List.of("office", "minimal", "no-wans", "mss-fixed", "mss-off", "passthrough", "masquerade-off");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private GoldenConfigs() {}

    public static GatewayConfig config(String shape) {
        Path file = shape.equals("office")
                ? Path.of("../examples/office.yaml")
                : GOLDEN.resolve("config/" + shape + ".yaml");
        return GatewayConfigLoader.load(file);
    }

    public static Path goldenNft(String shape) {
        return GOLDEN.resolve("nft/" + shape + ".nft");
    }

    /** Compares {@code actual} with the golden file, or rewrites the file when {@code golden.update} is set. */
    public static void assertGolden(Path golden, String actual) {
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual);
                return;
            }
            assertThat(golden)
                    .as("golden file (create it with -Dgolden.update=true)")
                    .exists();
            assertThat(actual)
                    .as(
                            "%s differs; if the change is intended, rerun with -Dgolden.update=true and review the diff",
                            golden)
                    .isEqualTo(Files.readString(golden));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
