package io.pptpgw.ppp.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/** Hands out given byte strings in order (then zeros), and one given identifier, so packets can match RFC vectors. */
final class ScriptedRandom implements RandomGenerator {
    private final Deque<byte[]> bytes;
    private final int identifier;

    ScriptedRandom(int identifier, byte[]... bytes) {
        this.identifier = identifier;
        this.bytes = new ArrayDeque<>(List.of(bytes));
    }

    @Override
    public void nextBytes(byte[] out) {
        byte[] next = bytes.poll();
        java.util.Arrays.fill(out, (byte) 0);
        if (next != null) {
            System.arraycopy(next, 0, out, 0, Math.min(next.length, out.length));
        }
    }

    @Override
    public int nextInt(int bound) {
        return identifier % bound;
    }

    @Override
    public long nextLong() {
        return identifier;
    }
}
