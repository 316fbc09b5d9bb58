package io.pptpgw.node;

import java.time.Instant;

/**
 * What {@link NodeProgrammer} reports as it works, for metrics and readiness: the last time everything was in
 * place, each repair of drift, and failures (which the next drift check retries). Called from the programmer's own
 * thread; implementations must be quick and must not throw.
 */
public interface NodeProgrammingObserver {
    NodeProgrammingObserver NONE = new NodeProgrammingObserver() {};

    /** Everything was verified or applied and is in place (the "last success" time). */
    default void inPlace(Instant at) {}

    /**
     * One attempt to program the gateway's table (forwarding, {@code nft --check}, {@code nft -f}, the snapshot
     * listing) ended, once per attempt; counted as nftables applies by result. Drift checks that find nothing to do
     * are not attempts.
     */
    default void applied(boolean succeeded, Instant at) {}

    /** A drift check found {@code drift} and re-applied the gateway's rules; count these. */
    default void repaired(Drift drift, Instant at) {}

    /** {@code step} failed; the rules may not be in place until a later check succeeds. */
    default void failed(String step, RuntimeException error, Instant at) {}
}
