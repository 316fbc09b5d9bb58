package io.pptpgw.bench;

import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.LabException;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import io.pptpgw.sys.NetworkNamespace;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running {@code pptpgw gateway} process in the lab's node, seen from outside as an operator would: its
 * {@code /metrics} (scraped inside the node's namespace), the CPU time of its data-path threads and its memory.
 */
final class GatewayUnderTest {
    private static final int METRICS_PORT = 9723;
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final LabProcess process;
    private final Namespace node;

    GatewayUnderTest(LabProcess process, Namespace node) {
        this.process = process;
        this.node = node;
    }

    LabProcess process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** The sum of every series of {@code name} whose labels include all of {@code labels} ({@code key="value"}). */
    double metric(String name, String... labels) {
        double sum = 0;
        for (String line : scrape().split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            boolean sameName = series.equals(name) || series.startsWith(name + "{");
            if (sameName && hasAll(series, labels)) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }

    private static boolean hasAll(String series, String... labels) {
        for (String label : labels) {
            if (!series.contains(label)) {
                return false;
            }
        }
        return true;
    }

    /** GET /metrics over a socket made inside the node's namespace, where the gateway's metrics port is. */
    String scrape() {
        try (NetworkNamespace namespace = NetworkNamespace.named(node.name());
                Socket socket = namespace.call(() -> {
                    Socket inside = new Socket();
                    inside.connect(new InetSocketAddress("127.0.0.1", METRICS_PORT), 5_000);
                    return inside;
                })) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            return body < 0 ? "" : response.substring(body + 4);
        } catch (Exception e) {
            throw new LabException("cannot scrape the gateway's metrics in " + node + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the gateway holds no session and no control connection (the last load has been cleaned up). */
    void awaitNoSessions(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (metric("pptpgw_sessions_active") + metric("pptpgw_session_setups_in_progress") > 0
                || metric("pptpgw_control_connections_active") > 0) {
            if (System.nanoTime() > deadline) {
                throw new LabException(
                        "the gateway still holds sessions or control connections " + timeout + " after the load ended");
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** Resident memory, in bytes. */
    long residentBytes() {
        return ProcStat.residentBytes(pid());
    }

    /**
     * Java heap in use after a full collection, in bytes (jcmd GC.run, then GC.heap_info), or -1 when this JDK
     * has no jcmd (a jlink'd runtime).
     */
    long heapAfterCollection() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        String pid = Long.toString(pid());
        jcmd(jcmd, pid, "GC.run");
        jcmd(jcmd, pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(jcmd, pid, "GC.heap_info").stdout());
        if (!used.find()) {
            throw new LabException("jcmd " + pid + " GC.heap_info printed no 'used ...K'");
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static ExecResult jcmd(Path jcmd, String pid, String command) {
        return Invocation.of(jcmd.toString(), pid, command)
                .withTimeout(Duration.ofSeconds(60))
                .run()
                .orThrow();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the gateway", e);
        }
    }

    @Override
    public String toString() {
        return "gateway " + pid() + " in " + node;
    }
}
