package io.pptpgw.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pptpgw.lab.topology.Topologies;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabNamesTest {
    /** The largest pid_max Linux allows (PID_MAX_LIMIT on 64-bit): 4194304, seven digits. */
    private static final long LARGEST_PID = 4_194_304;

    @Test
    void ownedNamesCarryTheOwnerPidAndFitIfnamsizEvenForTheLargestPid() {
        Map<String, String> names =
                new LabNames.Owned(LARGEST_PID).assign(Topologies.demo().hostNames());

        assertThat(names.keySet()).containsExactlyElementsOf(Topologies.demo().hostNames());
        assertThat(names.values()).allSatisfy(name -> {
            assertThat(name).matches("pgl4194304-[0-9a-z]+").hasSizeLessThanOrEqualTo(15);
            assertThat(LabNames.owner(name)).hasValue(LARGEST_PID);
        });
    }

    @Test
    void ownedNamesNeverRepeatWithinAProcess() {
        LabNames names = LabNames.ownedByThisProcess();
        Set<String> seen = new HashSet<>();
        for (int lab = 0; lab < 50; lab++) {
            assertThat(names.assign(List.of("a", "b", "c")).values()).allMatch(seen::add);
        }
        assertThat(seen).hasSize(150);
        assertThat(LabNames.owner(seen.iterator().next()))
                .hasValue(ProcessHandle.current().pid());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"pptpgw-node", "pgl-1", "pglx-1", "pgl123", "xpgl123-1", "pgl123-1-x", "pgl123-A", "lab6189a"})
    void onlyOwnedNamesHaveAnOwner(String name) {
        assertThat(LabNames.owner(name)).isEmpty();
    }

    @Test
    void stableNamesAreThePrefixAndTheHostAndAreNeverMistakenForOwnedOnes() {
        Map<String, String> names =
                LabNames.stable("pptpgw").assign(Topologies.demo().hostNames());

        assertThat(names).containsEntry("node", "pptpgw-node").containsEntry("internet", "pptpgw-internet");
        assertThat(names.values()).allSatisfy(name -> {
            assertThat(name).hasSizeLessThanOrEqualTo(15);
            assertThat(LabNames.owner(name)).isEmpty();
        });
        assertThat(LabNames.stable("pptpgw").persistent()).isTrue();
        assertThat(LabNames.ownedByThisProcess().persistent()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PPTPGW", "pptpgw7", "9lab", "pgl", "pgl42", "p-w"})
    void rejectsStablePrefixesThatCouldOverflowOrBeReaped(String prefix) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LabNames.stable(prefix))
                .withMessageContaining("lab name prefix '" + prefix + "'");
    }
}
