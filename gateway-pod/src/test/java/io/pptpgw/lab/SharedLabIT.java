package io.pptpgw.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.lab.topology.Topologies;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With {@code shared = true} the class's tests and its {@code @BeforeAll} get one lab; a method annotation its own. */
@LabTopology(value = "pair", shared = true)
class SharedLabIT {
    private static Lab shared;

    @BeforeAll
    static void beforeAllGetsTheSharedLab(Lab lab) {
        shared = lab;
        lab.namespace("a")
                .exec("ip", "address", "add", "10.9.9.1/32", "dev", "lo")
                .orThrow();
    }

    @Test
    void theTestsSeeTheLabOfBeforeAllWithWhatItDid(Lab lab) {
        assertThat(lab).isSameAs(shared);
        assertThat(lab.namespace("a").exec("ip", "-br", "address", "show", "lo").stdout())
                .contains("10.9.9.1/32");
    }

    @Test
    void aSecondTestSeesTheSameLab(Lab lab) {
        assertThat(lab).isSameAs(shared);
        assertThat(lab.isClosed()).isFalse();
    }

    @Test
    @LabTopology("pair")
    void aMethodAnnotationStillGetsAFreshLab(Lab lab) {
        assertThat(lab).isNotSameAs(shared);
        assertThat(lab.topology()).isEqualTo(Topologies.pair());
        assertThat(lab.namespace("a").exec("ip", "-br", "address", "show", "lo").stdout())
                .doesNotContain("10.9.9.1");
    }

    @AfterAll
    static void theSharedLabLivesUntilAfterAll() {
        List<String> names = shared.namespaces().stream().map(Namespace::name).toList();
        assertThat(names).allMatch(Netns::exists);
    }
}
