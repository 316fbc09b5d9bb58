package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pptpgw.net.TestNamespace;
import io.pptpgw.nft.Nft;
import io.pptpgw.nft.NftCli;
import io.pptpgw.nft.NftException;
import io.pptpgw.nft.NftScript;
import io.pptpgw.nft.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every golden ruleset through the real nft and kernel in a namespace of its own: check, apply, list, delete. */
class NftRoundTripIT {
    static final List<String> SHAPES = GoldenConfigs.SHAPES;

    @ParameterizedTest
    @FieldSource("SHAPES")
    void theKernelAcceptsListsAndRemovesEachGoldenRuleset(String shape) throws IOException {
        try (TestNamespace namespace = TestNamespace.create()) {
            Nft nft = new NftCli(namespace.runner());
            Table table = GatewayRuleset.build(GoldenConfigs.config(shape));
            String script = NftScript.replace(table, nft.features());

            nft.check(script);
            nft.apply(script);
            nft.apply(script); // replacing an existing table is the same transaction

            String listing = nft.listTable(table.family(), table.name());
            assertThat(joinElements(listing))
                    .as("the kernel's listing is the reviewed golden file (modulo nft wrapping long element lists)")
                    .isEqualTo(joinElements(Files.readString(GoldenConfigs.goldenNft(shape))));

            nft.deleteTable(table.family(), table.name());
            NftException gone =
                    catchThrowableOfType(NftException.class, () -> nft.listTable(table.family(), table.name()));
            assertThat(gone.isNotFound())
                    .as("listing after delete: %s", gone.getMessage())
                    .isTrue();
            assertThat(namespace.run("nft", "list", "ruleset")).isBlank();
        }
    }

    private static List<String> joinElements(String listing) {
        return listing.replaceAll(",\n\\s*", ", ")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
    }
}
