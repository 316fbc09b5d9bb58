package io.pptpgw.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    static final InetAddress HOME = InetAddress.ofLiteral("192.0.2.1");
    static final InetAddress CAFE = InetAddress.ofLiteral("192.0.2.2");
    static final InetAddress HOTEL = InetAddress.ofLiteral("192.0.2.3");

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T12:00:00Z"));
    final LoginThrottle throttle =
            new LoginThrottle(new LoginThrottle.Policy(3, Duration.ofMinutes(5), Duration.ofMinutes(15)), now::get);

    @Test
    void maxFailuresWithinTheWindowLockTheUserForTheDuration() {
        throttle.recordFailure("alice", HOME);
        throttle.recordFailure("alice", CAFE);
        assertThat(throttle.isLockedOut("alice", HOTEL)).isFalse();
        throttle.recordFailure("alice", HOTEL);
        assertThat(throttle.lockedUntil("alice", InetAddress.ofLiteral("192.0.2.99")))
                .contains(Instant.parse("2026-03-01T12:15:00Z"));
        assertThat(throttle.lockouts()).isEqualTo(1);

        advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(throttle.isLockedOut("alice", HOME)).isTrue();
        advance(Duration.ofSeconds(1));
        assertThat(throttle.isLockedOut("alice", HOME)).isFalse();
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        throttle.recordFailure("alice", HOME);
        throttle.recordFailure("alice", CAFE);
        advance(Duration.ofMinutes(5));
        throttle.recordFailure("alice", HOTEL);
        assertThat(throttle.isLockedOut("alice", InetAddress.ofLiteral("192.0.2.99")))
                .isFalse();
        assertThat(throttle.lockouts()).isZero();
    }

    @Test
    void oneSourceGuessingManyUsersIsLockedOut() {
        throttle.recordFailure("alice", HOME);
        throttle.recordFailure("bob", HOME);
        throttle.recordFailure("carol", HOME);
        assertThat(throttle.isLockedOut("dave", HOME)).isTrue();
        assertThat(throttle.isLockedOut("dave", CAFE)).isFalse();
    }

    @Test
    void successResetsTheUserButNotTheSource() {
        throttle.recordFailure("alice", HOME);
        throttle.recordFailure("alice", HOME);
        throttle.recordSuccess("alice");
        throttle.recordFailure("alice", CAFE);
        throttle.recordFailure("alice", HOTEL);
        assertThat(throttle.isLockedOut("alice", InetAddress.ofLiteral("192.0.2.99")))
                .isFalse();
        throttle.recordFailure("bob", HOME);
        assertThat(throttle.isLockedOut("carol", HOME))
                .as("HOME has failed three times")
                .isTrue();
    }

    @Test
    void attemptsWhileLockedOutDoNotExtendTheLockout() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("alice", HOME);
        }
        advance(Duration.ofMinutes(10));
        throttle.recordFailure("alice", HOME);
        assertThat(throttle.lockedUntil("alice", HOME)).contains(Instant.parse("2026-03-01T12:15:00Z"));
        assertThat(throttle.lockouts()).isEqualTo(2);
    }

    @Test
    void policyOffNeverLocks() {
        LoginThrottle off = new LoginThrottle(LoginThrottle.Policy.OFF, now::get);
        for (int i = 0; i < 100; i++) {
            off.recordFailure("alice", HOME);
        }
        assertThat(off.isLockedOut("alice", HOME)).isFalse();
    }

    @Test
    void badPoliciesNameTheField() {
        assertThatThrownBy(() -> new LoginThrottle.Policy(-1, Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .hasMessageContaining("maxFailures -1");
        assertThatThrownBy(() -> new LoginThrottle.Policy(5, Duration.ZERO, Duration.ofMinutes(1)))
                .hasMessageContaining("window PT0S");
    }

    private void advance(Duration duration) {
        now.set(now.get().plus(duration));
    }
}
