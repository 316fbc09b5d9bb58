package io.pptpgw.interop;

import io.pptpgw.interop.vm.CommandResult;
import java.time.Duration;

/**
 * A TCP transfer of random bytes from one {@link Endpoint} to another with socat, proved byte-identical by
 * SHA-256 on both ends: the receiver hashes the stream as it arrives, the sender hashes what it sends.
 *
 * <pre>{@code
 * Transfer up = ChecksummedTransfer.send(Endpoint.guest(vm), Endpoint.namespace(gatewayNs, work),
 *         "10.250.0.1", 5001, 50_000_000, Duration.ofMinutes(3));
 * assertThat(up.identical()).as(up.toString()).isTrue();
 * }</pre>
 */
public final class ChecksummedTransfer {

    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(30);

    private ChecksummedTransfer() {}

    /** The outcome: both hashes, and how long it took from the sender's start to the receiver's end. */
    public record Transfer(
            String from, String to, long bytes, String sentSha256, String receivedSha256, Duration elapsed) {

        public boolean identical() {
            return sentSha256.length() == 64 && sentSha256.equals(receivedSha256);
        }

        public double megabitsPerSecond() {
            return bytes * 8 / 1e6 / Math.max(0.001, elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return "%s -> %s: %d bytes in %d ms (%.1f Mbit/s), sent sha256 %s, received sha256 %s"
                    .formatted(from, to, bytes, elapsed.toMillis(), megabitsPerSecond(), sentSha256, receivedSha256);
        }
    }

    /**
     * Sends {@code bytes} random bytes from {@code from} to {@code toAddress:port}, where {@code to} listens; the
     * whole transfer must finish within {@code timeout}.
     */
    public static Transfer send(Endpoint from, Endpoint to, String toAddress, int port, long bytes, Duration timeout) {
        PppdConfig.ipv4("toAddress", toAddress);
        if (port < 1 || port > 65535 || bytes < 1) {
            throw new IllegalArgumentException("port " + port + " or size " + bytes + " out of range");
        }
        long seconds = Math.max(1, timeout.toSeconds());
        Endpoint.Running receiver = to.start("set -o pipefail\ntimeout " + seconds + " socat -u TCP4-LISTEN:" + port
                + ",reuseaddr - | sha256sum | cut -c1-64");
        to.run(
                        "for _ in $(seq 1 300); do ss -Hltn 'sport = :" + port
                                + "' | grep -q . && exit 0; sleep 0.1; done\n" + "echo 'nothing listens on TCP " + port
                                + "'; exit 1",
                        LISTEN_TIMEOUT)
                .orThrow();
        long start = System.nanoTime();
        CommandResult sent = from.run(
                        "set -e -o pipefail\nf=$(mktemp)\ntrap 'rm -f $f' EXIT\nhead -c " + bytes
                                + " /dev/urandom >$f\n"
                                + "sha256sum <$f | cut -c1-64\ntimeout " + seconds + " socat -u OPEN:$f TCP4:"
                                + toAddress
                                + ":" + port + ",connect-timeout=10",
                        timeout)
                .orThrow();
        CommandResult received = receiver.await(timeout).orThrow();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Transfer(
                from.name(),
                to.name(),
                bytes,
                sent.output().strip(),
                received.output().strip(),
                elapsed);
    }
}
