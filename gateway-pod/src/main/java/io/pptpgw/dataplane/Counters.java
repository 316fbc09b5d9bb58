package io.pptpgw.dataplane;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters that exactly one thread writes and any thread may read. Opaque access keeps the writer free of fences
 * and the reader free of torn values; a reader may see a value a moment old, which is all metrics need.
 */
final class Counters {
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values;

    Counters(int size) {
        values = new long[size];
    }

    /** Writer thread only. */
    void add(int index, long delta) {
        ELEMENT.setOpaque(values, index, (long) ELEMENT.getOpaque(values, index) + delta);
    }

    /** Writer thread only. */
    void set(int index, long value) {
        ELEMENT.setOpaque(values, index, value);
    }

    /** Any thread. */
    long get(int index) {
        return (long) ELEMENT.getOpaque(values, index);
    }
}
