package io.pptpgw.dataplane;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Tunnels by our Call ID, the key every GRE packet carries (RFC 2637 §4.1). Call IDs are 16 bits, so this is one
 * array: written by event loops as calls come and go, read by the GRE worker per packet without locks.
 */
final class TunnelTable {
    private final AtomicReferenceArray<Tunnel> byCallId = new AtomicReferenceArray<>(0x10000);

    Tunnel byCallId(int callId) {
        return byCallId.getPlain(callId);
    }

    void add(Tunnel tunnel) {
        int callId = tunnel.spec.localCallId();
        if (!byCallId.compareAndSet(callId, null, tunnel)) {
            throw new IllegalStateException("Call ID " + callId + " already has a tunnel");
        }
    }

    void remove(Tunnel tunnel) {
        byCallId.compareAndSet(tunnel.spec.localCallId(), tunnel, null);
    }

    long sum(java.util.function.ToLongFunction<Tunnel> value) {
        long sum = 0;
        for (int i = 0; i < byCallId.length(); i++) {
            Tunnel tunnel = byCallId.getPlain(i);
            if (tunnel != null) {
                sum += value.applyAsLong(tunnel);
            }
        }
        return sum;
    }

    int count() {
        int count = 0;
        for (int i = 0; i < byCallId.length(); i++) {
            if (byCallId.getPlain(i) != null) {
                count++;
            }
        }
        return count;
    }
}
