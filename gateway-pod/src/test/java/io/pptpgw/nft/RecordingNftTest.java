package io.pptpgw.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingNftTest {
    private final RecordingNft nft = new RecordingNft();
    private final Table table = new Table(Family.INET, "pptpgw_t", List.of(Chain.regular("c", "a chain", List.of())));

    @Test
    void itRecordsWhatNftCliWouldRunAndKeepsTheTable() {
        String script = NftScript.replace(table, Nft.Features.BASELINE);
        nft.check(script);
        nft.apply(script);

        assertThat(nft.calls())
                .containsExactly(
                        new RecordingNft.Call(List.of("nft", "--check", "-f", "-"), script),
                        new RecordingNft.Call(List.of("nft", "-f", "-"), script));
        assertThat(nft.listTable(Family.INET, "pptpgw_t")).isEqualTo(NftScript.definition(table));
    }

    @Test
    void removalAndFlushAreSeenByListing() {
        nft.apply(NftScript.replace(table, Nft.Features.BASELINE));
        nft.apply(NftScript.remove(Family.INET, "pptpgw_t", Nft.Features.BASELINE));

        assertThat(catchThrowableOfType(NftException.class, () -> nft.listTable(Family.INET, "pptpgw_t"))
                        .isNotFound())
                .isTrue();

        nft.apply(NftScript.replace(table, Nft.Features.BASELINE));
        nft.flushRuleset();
        assertThat(nft.tables()).isEmpty();
    }

    @Test
    void deletingAMissingTableFailsLikeNft() {
        assertThat(catchThrowableOfType(NftException.class, () -> nft.deleteTable(Family.INET, "nope"))
                        .isNotFound())
                .isTrue();
        assertThat(catchThrowableOfType(NftException.class, () -> nft.apply("delete table inet nope\n"))
                        .isNotFound())
                .isTrue();
    }
}
