package io.pptpgw.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one {@code pptpgw bench} run measures and how big it is. The defaults finish in a few minutes on two cores.
 *
 * @param measurements which of {@link Measurement} to run
 * @param duration how long each traffic run (one side of one comparison) lasts
 * @param rounds baseline/tunnel pairs per comparison; each pair gives a ratio and the median is reported
 * @param setups sessions dialled for the setup rate
 * @param connects TCP connect+close pairs for the setup rate's baseline
 * @param idleSessions sessions held up while the gateway's memory is measured
 * @param concurrency dials (and connects) in flight at once
 * @param packetSize UDP payload octets for the packet rate
 * @param traffic the traffic tool: {@code auto} (iperf3 when on PATH, else Java), {@code iperf3} or {@code java}
 * @param gatewayJvmOptions extra options for the gateway's JVM (e.g. {@code -XX:StartFlightRecording=...})
 * @param clientJvmOptions extra options for our client's JVMs
 * @param logs a directory for every process's output, or null
 */
public record BenchOptions(
        Set<Measurement> measurements,
        Duration duration,
        int rounds,
        int setups,
        int connects,
        int idleSessions,
        int concurrency,
        int packetSize,
        String traffic,
        List<String> gatewayJvmOptions,
        List<String> clientJvmOptions,
        Path logs) {
    /** The four figures of BRIEF §7. */
    public enum Measurement {
        THROUGHPUT,
        SETUPS,
        MEMORY,
        PACKETS
    }

    /** Sessions one client source address may hold: the gateway's per-source limit has this maximum. */
    static final int SESSIONS_PER_SOURCE = 1000;

    /** Sessions held at once, at most: the gateway's 16-bit Call IDs, with room to spare. */
    public static final int MAX_SESSIONS = 60_000;

    /** The smallest UDP payload of the packet rate: room for the traffic tool's own header. */
    public static final int MIN_PACKET_SIZE = 16;

    /** The largest UDP payload of the packet rate: what fits the tunnel's MTU of 1400 (IP 20 + UDP 8). */
    public static final int MAX_PACKET_SIZE = 1372;

    /** The traffic tools, {@code auto} first. */
    public static final List<String> TRAFFIC_TOOLS = List.of("auto", "iperf3", "java");

    public BenchOptions {
        measurements = Set.copyOf(measurements);
        gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
        clientJvmOptions = List.copyOf(clientJvmOptions);
        if (duration.isNegative() || duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("duration " + duration + " must be at least 1 s");
        }
        positive("rounds", rounds);
        positive("setups", setups);
        positive("connects", connects);
        positive("idle sessions", idleSessions);
        positive("concurrency", concurrency);
        atMost("idle sessions", idleSessions, MAX_SESSIONS);
        atMost("setups", setups, MAX_SESSIONS);
        if (packetSize < MIN_PACKET_SIZE || packetSize > MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("packet size " + packetSize + " is outside " + MIN_PACKET_SIZE + ".."
                    + MAX_PACKET_SIZE + " (a UDP payload that fits the tunnel's MTU)");
        }
        if (!TRAFFIC_TOOLS.contains(traffic)) {
            throw new IllegalArgumentException("traffic tool " + traffic + " is not one of " + TRAFFIC_TOOLS);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " " + value + " must be at least 1");
        }
    }

    private static void atMost(String name, int value, int most) {
        if (value > most) {
            throw new IllegalArgumentException(
                    name + " " + value + " exceed " + most + " (sessions held at once by one gateway)");
        }
    }

    /** Client source addresses needed for the most sessions any measurement holds at once. */
    int sourceAddresses() {
        int most = Math.max(measurements.contains(Measurement.MEMORY) ? idleSessions : 0, setups);
        return Math.max(1, (most + SESSIONS_PER_SOURCE - 1) / SESSIONS_PER_SOURCE);
    }
}
