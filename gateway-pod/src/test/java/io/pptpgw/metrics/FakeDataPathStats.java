package io.pptpgw.metrics;

import io.pptpgw.dataplane.DataPathStats;
import io.pptpgw.dataplane.Drop;
import java.util.EnumMap;
import java.util.Map;

/** Data path totals a test sets by hand. */
final class FakeDataPathStats implements DataPathStats {
    long greReceivedPackets;
    long greReceivedBytes;
    long greSentPackets;
    long greSentBytes;
    long reordered;
    long late;
    long lost;
    long mppeRekeys;
    long mppeResyncs;
    final Map<Drop, Long> drops = new EnumMap<>(Drop.class);

    @Override
    public long greReceivedPackets() {
        return greReceivedPackets;
    }

    @Override
    public long greReceivedBytes() {
        return greReceivedBytes;
    }

    @Override
    public long greSentPackets() {
        return greSentPackets;
    }

    @Override
    public long greSentBytes() {
        return greSentBytes;
    }

    @Override
    public long dropped(Drop reason) {
        return drops.getOrDefault(reason, 0L);
    }

    @Override
    public long reordered() {
        return reordered;
    }

    @Override
    public long late() {
        return late;
    }

    @Override
    public long lost() {
        return lost;
    }

    @Override
    public long mppeRekeys() {
        return mppeRekeys;
    }

    @Override
    public long mppeResyncs() {
        return mppeResyncs;
    }
}
