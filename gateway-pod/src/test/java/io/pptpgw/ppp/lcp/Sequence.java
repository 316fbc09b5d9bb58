package io.pptpgw.ppp.lcp;

import java.util.random.RandomGenerator;

/** A "random" source that returns the given ints in turn, cycling, so Magic-Numbers are predictable in tests. */
final class Sequence implements RandomGenerator {
    private final int[] values;
    private int next;

    Sequence(int... values) {
        this.values = values;
    }

    @Override
    public long nextLong() {
        return (long) nextInt() << 32;
    }

    @Override
    public int nextInt() {
        int value = values[next];
        next = (next + 1) % values.length;
        return value;
    }
}
