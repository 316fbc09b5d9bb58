package io.pptpgw.pptp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallIdsTest {
    private final AtomicLong clock = new AtomicLong();
    private final CallIds ids = new CallIds(Duration.ofSeconds(30), clock::get, 1);

    @Test
    void allocatesEveryIdFromOneTo65535OnceAndNeverZero() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 0xFFFF; i++) {
            seen.add(ids.allocate().orElseThrow());
        }
        assertThat(seen).hasSize(0xFFFF).doesNotContain(0).allMatch(id -> id >= 1 && id <= 0xFFFF);
        assertThat(ids.allocate()).isEmpty();
        assertThat(ids.activeCount()).isEqualTo(0xFFFF);
    }

    @Test
    void aReleasedIdIsNotReusedDuringItsQuarantine() {
        exhaust();
        ids.release(4711);
        clock.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
        assertThat(ids.allocate()).as("still in quarantine").isEmpty();
        assertThat(ids.quarantinedCount()).isEqualTo(1);
        clock.addAndGet(1);
        assertThat(ids.allocate()).isEqualTo(OptionalInt.of(4711));
        assertThat(ids.quarantinedCount()).isZero();
    }

    @Test
    void idsAreHandedOutInTurnSoAFreshReleaseIsTheLastToComeBack() {
        int first = ids.allocate().orElseThrow();
        ids.release(first);
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(ids.allocate()).isEqualTo(OptionalInt.of(first + 1));
    }

    @Test
    void allocationWrapsAroundFromTheTopToOne() {
        CallIds top = new CallIds(Duration.ZERO, clock::get, 0xFFFF);
        assertThat(top.allocate()).isEqualTo(OptionalInt.of(0xFFFF));
        assertThat(top.allocate()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void releasingAnIdThatIsNotActiveIsAnError() {
        int id = ids.allocate().orElseThrow();
        ids.release(id);
        assertThatThrownBy(() -> ids.release(id))
                .hasMessage("Call ID " + id + " is not active; it was never allocated or is already released");
        assertThatThrownBy(() -> ids.release(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isActiveFollowsAllocationAndRelease() {
        int id = ids.allocate().orElseThrow();
        assertThat(ids.isActive(id)).isTrue();
        ids.release(id);
        assertThat(ids.isActive(id)).isFalse();
    }

    private void exhaust() {
        while (ids.allocate().isPresent()) {
            // take every Call ID
        }
    }
}
