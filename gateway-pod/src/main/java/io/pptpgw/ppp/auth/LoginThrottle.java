package io.pptpgw.ppp.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Brute-force lockout in front of every authentication method: {@code maxFailures} failed logins within {@code
 * window} lock the user out for {@code duration}, and the same count from one source address locks that address out.
 * A locked-out login fails without its password being checked. One instance is shared by all links of a gateway;
 * it is thread safe, and the clock is injected so tests can move time by hand.
 */
public final class LoginThrottle {
    /** How many users and addresses are remembered; the least recently seen are forgotten first. */
    public static final int MAX_TRACKED = 65_536;

    /** The lockout policy; {@code maxFailures} 0 turns lockout off. */
    public record Policy(int maxFailures, Duration window, Duration duration) {
        public static final Policy DEFAULT = new Policy(5, Duration.ofMinutes(5), Duration.ofMinutes(15));
        public static final Policy OFF = new Policy(0, Duration.ofSeconds(1), Duration.ofSeconds(1));

        public Policy {
            if (maxFailures < 0) {
                throw new IllegalArgumentException("lockout maxFailures " + maxFailures + " must be 0 (off) or more");
            }
            if (window.isNegative() || window.isZero() || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(
                        "lockout window " + window + " and duration " + duration + " must be positive");
            }
        }
    }

    private final Policy policy;
    private final InstantSource clock;
    private final Map<String, Failures> users = lruMap();
    private final Map<InetAddress, Failures> sources = lruMap();
    private long lockouts;

    public LoginThrottle(Policy policy, InstantSource clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public LoginThrottle(Policy policy) {
        this(policy, InstantSource.system());
    }

    /** When the lockout of this user or this source ends, if either is locked out now. */
    public synchronized Optional<Instant> lockedUntil(String user, InetAddress source) {
        Instant now = clock.instant();
        Instant userUntil = lockEnd(users.get(user), now);
        Instant sourceUntil = lockEnd(sources.get(source), now);
        if (userUntil == null) {
            return Optional.ofNullable(sourceUntil);
        }
        return Optional.of(sourceUntil == null || userUntil.isAfter(sourceUntil) ? userUntil : sourceUntil);
    }

    public boolean isLockedOut(String user, InetAddress source) {
        return lockedUntil(user, source).isPresent();
    }

    /** A password check failed (or the user is unknown): counts against both the user name and the source. */
    public synchronized void recordFailure(String user, InetAddress source) {
        if (policy.maxFailures() == 0) {
            return;
        }
        Instant now = clock.instant();
        countFailure(users.computeIfAbsent(user, u -> new Failures()), now);
        countFailure(sources.computeIfAbsent(source, s -> new Failures()), now);
    }

    /**
     * The user proved the password: the user's count starts again. The source's count does not, so that one valid
     * account cannot be used to keep guessing others from the same address.
     */
    public synchronized void recordSuccess(String user) {
        users.remove(user);
    }

    /** How many lockouts (of users and of sources) have begun since start. */
    public synchronized long lockouts() {
        return lockouts;
    }

    public Policy policy() {
        return policy;
    }

    private void countFailure(Failures failures, Instant now) {
        if (lockEnd(failures, now) != null) {
            return;
        }
        if (failures.windowStart == null || !now.isBefore(failures.windowStart.plus(policy.window()))) {
            failures.windowStart = now;
            failures.count = 0;
        }
        failures.count++;
        if (failures.count >= policy.maxFailures()) {
            failures.lockedUntil = now.plus(policy.duration());
            failures.windowStart = null;
            failures.count = 0;
            lockouts++;
        }
    }

    private static Instant lockEnd(Failures failures, Instant now) {
        if (failures == null || failures.lockedUntil == null) {
            return null;
        }
        return now.isBefore(failures.lockedUntil) ? failures.lockedUntil : null;
    }

    private static final class Failures {
        Instant windowStart;
        int count;
        Instant lockedUntil;
    }

    private static <K> Map<K, Failures> lruMap() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Failures> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }
}
