package io.pptpgw.client;

import io.pptpgw.tun.InMemoryTun;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Pings through a client's tunnel from inside the process, over the in-memory TUN device its data path uses. */
public final class Pinger {
    private final InMemoryTun tun;
    private final int source;
    private final int identifier = ThreadLocalRandom.current().nextInt(1, 0x10000);

    /** @param source the tunnel address the server assigned (IPv4 as an int) */
    public Pinger(InMemoryTun tun, int source) {
        this.tun = tun;
        this.source = source;
    }

    /** Sends echo request {@code sequence} and returns the round trip, or empty when no reply came in time. */
    public Optional<Duration> ping(int destination, int sequence, Duration timeout) throws InterruptedException {
        byte[] request = IcmpEcho.request(source, destination, identifier, sequence & 0xFFFF, 56);
        long sent = System.nanoTime();
        long deadline = sent + timeout.toNanos();
        tun.inject(request);
        while (System.nanoTime() < deadline) {
            byte[] packet = tun.awaitWritten(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (packet != null && IcmpEcho.isReply(packet, destination, identifier, sequence & 0xFFFF)) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - sent));
            }
        }
        return Optional.empty();
    }
}
