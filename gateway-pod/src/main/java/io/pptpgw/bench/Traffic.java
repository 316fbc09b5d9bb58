package io.pptpgw.bench;

import io.pptpgw.lab.LabException;
import java.time.Duration;

/**
 * A traffic generator between the lab's client and server: bulk TCP and a flood of small UDP datagrams, either
 * direction. The listening ends run for the whole bench; each call is one timed run. {@link Iperf3Traffic} when
 * iperf3 is installed, {@link JavaTraffic} anywhere.
 */
interface Traffic extends AutoCloseable {
    /** The tool's name for the report. */
    String name();

    /**
     * One bulk TCP transfer of {@code duration} between the two ends of a path.
     *
     * @param download whether the server sends (to the client) rather than the client (to the server)
     * @return what the receiver measured
     */
    TcpRun tcp(Ends ends, Duration duration, boolean download);

    /** Datagrams of {@code payloadSize} octets as fast as the sender can for {@code duration}. */
    UdpRun udp(Ends ends, int payloadSize, Duration duration, boolean download);

    /**
     * The two addresses of one path through the lab: the server's address that selects the path and the client's
     * address on it (for a tunnel, the one IPCP assigned). Traffic between them takes that path both ways.
     */
    record Ends(String server, String client) {}

    /** The processes that generate and absorb the traffic, whose CPU a run's accounting may include. */
    @Override
    void close();

    /** @param bitsPerSecond payload bits per second at the receiver */
    record TcpRun(double bitsPerSecond) {}

    /** @param sent datagrams sent @param received datagrams that arrived @param seconds the receiver's interval */
    record UdpRun(long sent, long received, double seconds) {
        double receivedPerSecond() {
            return seconds <= 0 ? 0 : received / seconds;
        }
    }

    /**
     * Whether {@code tool} means iperf3: {@code auto} picks it when it is installed. Asking for iperf3 where it is
     * not installed is an error that says how to get it, before anything is built.
     */
    static boolean usesIperf3(String tool) {
        return switch (tool) {
            case "iperf3" -> {
                if (!Iperf3Traffic.isInstalled()) {
                    throw new LabException("--traffic iperf3: iperf3 is not installed (not on the PATH, nor in"
                            + " /usr/bin); install it (Debian: apt-get install iperf3) or use --traffic java");
                }
                yield true;
            }
            case "java" -> false;
            default -> Iperf3Traffic.isInstalled();
        };
    }

    /** The tool asked for (see {@link #usesIperf3}), its listening ends started in {@code lab}. */
    static Traffic start(String tool, BenchLab lab) {
        return usesIperf3(tool) ? Iperf3Traffic.start(lab) : JavaTraffic.start(lab);
    }
}
