package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.nft.Chain;
import io.pptpgw.nft.NftScript;
import io.pptpgw.nft.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class GatewayRulesetGoldenTest {
    static final java.util.List<String> SHAPES = GoldenConfigs.SHAPES;

    @ParameterizedTest
    @FieldSource("SHAPES")
    void theRulesetOfEachConfigShapeIsTheReviewedOne(String shape) {
        Table table = GatewayRuleset.build(GoldenConfigs.config(shape));

        GoldenConfigs.assertGolden(GoldenConfigs.goldenNft(shape), NftScript.definition(table));
    }

    @ParameterizedTest
    @FieldSource("SHAPES")
    void theTableIsNamedForTheGatewayAndNeverDrops(String shape) {
        GatewayConfig config = GoldenConfigs.config(shape);
        Table table = GatewayRuleset.build(config);

        assertThat(table.qualifiedName()).isEqualTo("inet pptpgw_" + config.name());
        for (Chain chain : table.chains()) {
            assertThat(chain.rules()).noneMatch(rule -> rule.text().matches(".*\\b(drop|reject)\\b.*"));
            assertThat(chain.base())
                    .hasValueSatisfying(
                            base -> assertThat(base.policy().keyword()).isEqualTo("accept"));
        }
    }
}
