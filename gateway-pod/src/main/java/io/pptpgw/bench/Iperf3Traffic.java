package io.pptpgw.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.LabException;
import io.pptpgw.lab.LabProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * iperf3 (RFC 6349's usual tool): in the server one {@code iperf3 -s -B} per server address, started on first use
 * and kept for the whole bench, and one {@code iperf3 -c ... -J} in the client per run ({@code -R} for a download),
 * read from its JSON report. A server bound to its address answers UDP from that address: an unbound one answers
 * from the interface's first address, which the client's connected socket would not accept.
 */
final class Iperf3Traffic implements Traffic {
    private static final int FIRST_PORT = 5201;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a run may take beyond its duration before it is taken for hung, killed and tried again. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final BenchLab lab;
    private final Map<String, LabProcess> servers = new LinkedHashMap<>();

    private Iperf3Traffic(BenchLab lab) {
        this.lab = lab;
    }

    static boolean isInstalled() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "iperf3"))) {
                return true;
            }
        }
        return false;
    }

    static Iperf3Traffic start(BenchLab lab) {
        return new Iperf3Traffic(lab);
    }

    /** The port of the server bound to {@code address}, started now if it is the first run to that address. */
    private String serverPort(String address) {
        int port = FIRST_PORT + servers.size();
        if (!servers.containsKey(address)) {
            LabProcess server = lab.start(
                    lab.server(),
                    "iperf3-server-" + address,
                    "iperf3",
                    "-s",
                    "-B",
                    address,
                    "-p",
                    Integer.toString(port),
                    "--forceflush");
            server.awaitOutput("Server listening", Duration.ofSeconds(30));
            servers.put(address, server);
            return Integer.toString(port);
        }
        return Integer.toString(FIRST_PORT + List.copyOf(servers.keySet()).indexOf(address));
    }

    @Override
    public String name() {
        return "iperf3";
    }

    /** The first second is left out of the figure ({@code -O 1}): TCP's slow start is not the path's capacity. */
    @Override
    public TcpRun tcp(Ends ends, Duration duration, boolean download) {
        return tcpRun(run(ends.server(), duration, download, "-O", "1"));
    }

    @Override
    public UdpRun udp(Ends ends, int payloadSize, Duration duration, boolean download) {
        return udpRun(run(ends.server(), duration, download, "-u", "-b", "0", "-l", Integer.toString(payloadSize)));
    }

    /** What the receiver of a TCP run measured: {@code end.sum_received.bits_per_second} of the client's report. */
    static TcpRun tcpRun(JsonNode report) {
        return new TcpRun(field(report, "sum_received", "bits_per_second").asDouble());
    }

    /**
     * A UDP run from the client's report: datagrams sent ({@code end.sum_sent.packets}), those that arrived (the
     * receiver's {@code packets} less its {@code lost_packets}) and the receiver's interval.
     */
    static UdpRun udpRun(JsonNode report) {
        long sent = field(report, "sum_sent", "packets").asLong();
        long arrived = field(report, "sum_received", "packets").asLong()
                - field(report, "sum_received", "lost_packets").asLong();
        return new UdpRun(
                sent,
                Math.max(0, arrived),
                field(report, "sum_received", "seconds").asDouble());
    }

    private static JsonNode field(JsonNode report, String sum, String name) {
        JsonNode value = report.path("end").path(sum).path(name);
        if (!value.isNumber()) {
            throw new LabException("iperf3's report has no number at end." + sum + "." + name + " (iperf3 "
                    + report.path("start").path("version").asText("of unknown version") + ")");
        }
        return value;
    }

    /**
     * Runs the client and returns its JSON report. A run that failed or hung is tried again, twice: under a flood of
     * UDP on a loaded machine iperf3's control connection sometimes times out ("unable to read from stream socket"),
     * and iperf3 3.12 waits forever for the answer to its first UDP datagram if that one is lost.
     */
    private JsonNode run(String address, Duration duration, boolean download, String... extra) {
        List<String> command = new ArrayList<>(List.of(
                "iperf3",
                "-c",
                address,
                "-p",
                serverPort(address),
                "-J",
                "--connect-timeout",
                Long.toString(CONNECT_TIMEOUT.toMillis()),
                "-t",
                Long.toString(Math.max(1, duration.toSeconds()))));
        if (download) {
            command.add("-R");
        }
        command.addAll(List.of(extra));
        LabException failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return attempt(command, duration.plus(PATIENCE));
            } catch (LabException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
            }
        }
        throw failure;
    }

    private JsonNode attempt(List<String> command, Duration timeout) {
        String address = command.get(2);
        ExecResult result = lab.client()
                .command(command.toArray(String[]::new))
                .withTimeout(timeout)
                .run();
        JsonNode report;
        try {
            report = JSON.readTree(result.stdout());
        } catch (java.io.IOException e) {
            throw new LabException("iperf3 to " + address + " printed no JSON report: " + result, e);
        }
        if (report == null || report.has("error") || result.exitCode() != 0) {
            throw new LabException("iperf3 to " + address + " failed: "
                    + (report == null ? "no report" : report.path("error").asText()) + "\n" + result.stderr());
        }
        return report;
    }

    @Override
    public void close() {
        servers.values().forEach(lab::stop);
    }
}
