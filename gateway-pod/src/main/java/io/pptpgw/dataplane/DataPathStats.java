package io.pptpgw.dataplane;

/**
 * Running totals of the data path, summed over its workers. Workers count in plain fields they alone write; these
 * reads may be a moment stale but never torn, so a scrape costs the data path nothing.
 */
public interface DataPathStats {
    long greReceivedPackets();

    long greReceivedBytes();

    long greSentPackets();

    long greSentBytes();

    /** Packets dropped for {@code reason} so far. */
    long dropped(Drop reason);

    /** GRE packets that arrived out of order and were put back in order by the reorder buffer. */
    long reordered();

    /** GRE packets that arrived after their turn (or twice) and were dropped. */
    long late();

    /** GRE sequence numbers given up on: never arrived within the reorder timeout or window. */
    long lost();

    /** MPPE key changes, both directions (every packet in stateless mode, every 256 in stateful mode). */
    long mppeRekeys();

    /** CCP Reset-Requests sent because stateful MPPE lost its place. */
    long mppeResyncs();
}
