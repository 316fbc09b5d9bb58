package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.net.RecordingCommandRunner;
import io.pptpgw.net.Sysctl;
import io.pptpgw.nft.Family;
import io.pptpgw.nft.Nft;
import io.pptpgw.nft.NftException;
import io.pptpgw.nft.NftScript;
import io.pptpgw.nft.RecordingNft;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NodeProgrammerTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private final GatewayConfig config = GoldenConfigs.config("minimal");
    private final RecordingNft nft = new RecordingNft();
    private final RecordingCommandRunner system = new RecordingCommandRunner().answer(List.of("cat"), "1\n");
    private final Events events = new Events();

    private NodeProgrammer programmer(Duration interval) {
        return programmer(interval, nft);
    }

    private NodeProgrammer programmer(Duration interval, Nft nft) {
        return new NodeProgrammer(
                config,
                nft,
                new PolicyRouting(system),
                new Sysctl(system),
                events,
                interval,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void programmingChecksThenReplacesTheTableInOneScript() {
        NodeProgrammer programmer = programmer(Duration.ofHours(1));

        programmer.program();

        String script = NftScript.replace(GatewayRuleset.build(config), Nft.Features.BASELINE);
        assertThat(nft.calls())
                .containsExactly(
                        new RecordingNft.Call(List.of("nft", "--check", "-f", "-"), script),
                        new RecordingNft.Call(List.of("nft", "-f", "-"), script),
                        new RecordingNft.Call(List.of("nft", "list", "table", "inet", "pptpgw_minimal"), ""));
        assertThat(programmer.inPlace()).isTrue();
        assertThat(programmer.lastSuccess()).contains(NOW);
        assertThat(events.inPlace).containsExactly(NOW);
    }

    @Test
    void nothingChangedMeansNoRepair() {
        NodeProgrammer programmer = programmer(Duration.ofHours(1));
        programmer.program();

        assertThat(programmer.checkForDrift()).isEmpty();
        assertThat(programmer.repairs()).isZero();
        assertThat(events.inPlace).hasSize(2);
    }

    @Test
    void aFlushedRulesetIsRepairedAndCountedOnce() {
        NodeProgrammer programmer = programmer(Duration.ofHours(1));
        programmer.program();

        nft.flushRuleset();

        assertThat(programmer.checkForDrift())
                .hasValueSatisfying(drift ->
                        assertThat(drift.differences()).containsExactly("table inet pptpgw_minimal is missing"));
        assertThat(nft.tables()).containsKey("inet pptpgw_minimal");
        assertThat(programmer.checkForDrift()).isEmpty();
        assertThat(programmer.repairs()).isEqualTo(1);
        assertThat(events.repairs).hasSize(1);
    }

    @Test
    void anAlteredTableIsReplacedNamingTheFirstDifference() {
        NodeProgrammer programmer = programmer(Duration.ofHours(1));
        programmer.program();
        String listing = nft.listTable(Family.INET, "pptpgw_minimal");

        nft.replaceListing(Family.INET, "pptpgw_minimal", listing.replace(" masquerade\n", " masquerade\n\t\tdrop\n"));

        assertThat(programmer.checkForDrift().orElseThrow().differences().getFirst())
                .startsWith("table inet pptpgw_minimal differs from what was applied: line ")
                .endsWith("expected `}`, found `drop`");
        assertThat(nft.listTable(Family.INET, "pptpgw_minimal")).isEqualTo(listing);
    }

    @Test
    void forwardingTurnedOffIsTurnedBackOn() {
        NodeProgrammer programmer = programmer(Duration.ofHours(1));
        programmer.program();
        system.answer(List.of("cat", "/proc/sys/net/ipv4/ip_forward"), "0\n");

        assertThat(programmer.checkForDrift().orElseThrow().differences())
                .containsExactly("net.ipv4.ip_forward is not 1");
        assertThat(system.invocations())
                .contains(
                        new RecordingCommandRunner.Invocation(List.of("tee", "/proc/sys/net/ipv4/ip_forward"), "1\n"));
    }

    @Test
    void aScriptNftRefusesIsNeverApplied() {
        NodeProgrammer programmer = programmer(Duration.ofHours(1));
        nft.failNextCall(new NftException(List.of("nft", "--check", "-f", "-"), 1, "Error: syntax error", null));

        assertThatThrownBy(programmer::program).isInstanceOf(NftException.class);

        assertThat(nft.calls()).extracting(RecordingNft.Call::argv).doesNotContain(List.of("nft", "-f", "-"));
        assertThat(programmer.inPlace()).isFalse();
        assertThat(events.failures).containsExactly("programming table inet pptpgw_minimal");
    }

    @Test
    void closingRemovesTheTable() {
        NodeProgrammer programmer = programmer(Duration.ofHours(1));
        programmer.start();

        programmer.close();

        assertThat(nft.tables()).isEmpty();
        assertThat(nft.calls().getLast().stdin())
                .isEqualTo("add table inet pptpgw_minimal\ndelete table inet pptpgw_minimal\n");
        assertThat(programmer.inPlace()).isFalse();
    }

    @Test
    void theDriftCheckRunsByItself() {
        NodeProgrammer programmer = programmer(Duration.ofMillis(20));
        programmer.start();
        try {
            nft.flushRuleset();

            await().atMost(Duration.ofSeconds(10)).until(() -> programmer.repairs() == 1);
            assertThat(nft.tables()).containsKey("inet pptpgw_minimal");
        } finally {
            programmer.close();
        }
    }

    @Test
    void aDriftedNodeIsNotInPlaceWhileItIsRepaired() {
        RefusingNft watched = new RefusingNft(nft);
        NodeProgrammer programmer = programmer(Duration.ofHours(1), watched);
        watched.programmer.set(programmer);
        programmer.program();
        assertThat(watched.inPlaceAtApply).containsExactly(false);

        nft.flushRuleset();
        programmer.checkForDrift();

        assertThat(watched.inPlaceAtApply).containsExactly(false, false);
        assertThat(programmer.inPlace()).isTrue();
    }

    @Test
    void aRepairNftRefusesIsReportedOnceLeavesTheRulesNotInPlaceAndIsRetriedByTheNextCheck() {
        RefusingNft refusing = new RefusingNft(nft);
        NodeProgrammer programmer = programmer(Duration.ofMillis(20), refusing);
        programmer.start();
        try {
            refusing.refuse = true;
            nft.flushRuleset();

            await().atMost(Duration.ofSeconds(10)).until(() -> events.failures.size() >= 2);
            assertThat(programmer.inPlace()).isFalse();
            assertThat(events.failures).allMatch("programming table inet pptpgw_minimal"::equals);

            refusing.refuse = false;
            await().atMost(Duration.ofSeconds(10)).until(() -> programmer.repairs() == 1);
            assertThat(programmer.inPlace()).isTrue();
            assertThat(nft.tables()).containsKey("inet pptpgw_minimal");
        } finally {
            programmer.close();
        }
    }

    /** Passes every call on, refuses {@code nft --check} while told to (as for a table another program owns). */
    static final class RefusingNft implements Nft {
        final Nft delegate;
        final AtomicReference<NodeProgrammer> programmer = new AtomicReference<>();
        final List<Boolean> inPlaceAtApply = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        RefusingNft(Nft delegate) {
            this.delegate = delegate;
        }

        @Override
        public void check(String script) {
            if (refuse) {
                throw new NftException(
                        List.of("nft", "--check", "-f", "-"),
                        1,
                        "Error: Could not process rule: Operation not permitted",
                        script);
            }
            delegate.check(script);
        }

        @Override
        public void apply(String script) {
            NodeProgrammer watched = programmer.get();
            if (watched != null) {
                inPlaceAtApply.add(watched.inPlace());
            }
            delegate.apply(script);
        }

        @Override
        public String listTable(Family family, String table) {
            return delegate.listTable(family, table);
        }

        @Override
        public void deleteTable(Family family, String table) {
            delegate.deleteTable(family, table);
        }

        @Override
        public String listRulesetJson() {
            return delegate.listRulesetJson();
        }

        @Override
        public Features features() {
            return delegate.features();
        }
    }

    /** Records what the programmer reports. */
    static final class Events implements NodeProgrammingObserver {
        final List<Instant> inPlace = new CopyOnWriteArrayList<>();
        final List<Drift> repairs = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void inPlace(Instant at) {
            inPlace.add(at);
        }

        @Override
        public void repaired(Drift drift, Instant at) {
            repairs.add(drift);
        }

        @Override
        public void failed(String step, RuntimeException error, Instant at) {
            failures.add(step);
        }
    }
}
