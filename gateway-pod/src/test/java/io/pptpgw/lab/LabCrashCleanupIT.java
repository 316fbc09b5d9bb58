package io.pptpgw.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pptpgw.lab.topology.Topologies;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lab owner killed with -9 leaves its namespaces behind; the next lab reaps them, and nothing of a live owner's.
 * The kernel frees a namespace, and the veths in it, once no name and no process holds it: so each test checks that
 * the names are gone and that the one process the owner left inside (a {@code sleep}) is dead. (Inode numbers of
 * freed namespaces are reused at once, so "no process in inode N" would not prove anything later on.)
 */
class LabCrashCleanupIT {
    private static final Duration START = Duration.ofSeconds(60);

    @BeforeEach
    void needsTheLab() {
        assumeTrue(Preflight.problems().isEmpty(), () -> "network lab unavailable: " + Preflight.problems());
    }

    @Test
    void nextLabReapsTheNamespacesOfAKilledOwnerAndSparesALiveOnes() throws Exception {
        Owner leftover;
        try (LabProcess crashed = Invocation.java(LabOwnerMain.class, "pair").start()) {
            leftover = ready(crashed);
            ProcessHandle.of(crashed.pid()).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook runs
            crashed.waitFor(START);
        }
        assertThat(leftover.names()).allMatch(Netns::exists);
        assertThat(leftover.sleep().isAlive()).isTrue();

        try (LabProcess live = Invocation.java(LabOwnerMain.class, "pair").start()) {
            Owner liveOwner = ready(live);

            Lab.build(Topologies.pair()).close();

            assertThat(leftover.names()).noneMatch(Netns::exists);
            leftover.sleep().onExit().get(30, TimeUnit.SECONDS);
            assertThat(liveOwner.names()).as("a live owner's namespaces").allMatch(Netns::exists);
            assertThat(liveOwner.sleep().isAlive()).as("a live owner's process").isTrue();
        }
    }

    @Test
    void anOwnerEndedWithSigtermTearsItsLabDownInItsShutdownHook() throws Exception {
        Owner owner;
        try (LabProcess process = Invocation.java(LabOwnerMain.class, "pair").start()) {
            owner = ready(process);
            ProcessHandle.of(process.pid()).orElseThrow().destroy(); // SIGTERM: the JVM runs its shutdown hooks
            process.waitFor(START);
        }

        assertThat(owner.names()).noneMatch(Netns::exists);
        owner.sleep().onExit().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aNameWithThisProcesssPidThatThisProcessDidNotCreateIsALeftoverOfAnEarlierProcess() {
        String leftover = LabNames.OWNED_PREFIX + ProcessHandle.current().pid() + "-zzzz";
        Invocation.of("ip", "netns", "add", leftover).run().orThrow();
        try {
            assertThat(LabNames.owner(leftover))
                    .hasValue(ProcessHandle.current().pid());

            Lab.build(Topologies.pair()).close();

            assertThat(Netns.exists(leftover)).isFalse();
        } finally {
            Netns.delete(List.of(leftover));
        }
    }

    private record Owner(ProcessHandle sleep, List<String> names) {}

    private static Owner ready(LabProcess owner) {
        String stdout = owner.awaitOutput("READY", START).stdout();
        List<String> words = Arrays.asList(stdout.lines()
                .filter(line -> line.startsWith("READY "))
                .findFirst()
                .orElseThrow()
                .split(" "));
        List<String> names = words.subList(2, words.size());
        assertThat(names).isNotEmpty().allSatisfy(name -> {
            assertThat(LabNames.owner(name)).hasValue(owner.pid());
            assertThat(Netns.exists(name)).isTrue();
        });
        return new Owner(ProcessHandle.of(Long.parseLong(words.get(1))).orElseThrow(), names);
    }
}
