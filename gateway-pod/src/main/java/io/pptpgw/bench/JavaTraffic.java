package io.pptpgw.bench;

import io.pptpgw.lab.LabException;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Traffic from our own Java programs, for machines without iperf3: a TCP and a UDP sink in the client and in the
 * server for the whole bench, and a source started per run in the sending namespace. Each sink prints one line
 * per run ({@code TCP bytes nanos}, {@code UDP datagrams nanos}); each source prints what it sent. Slower than
 * iperf3 per packet, so its packet rates say less about the path; ratios taken with it compare like with like.
 */
public final class JavaTraffic implements Traffic {
    private static final int TCP_PORT = 5301;
    private static final int UDP_PORT = 5302;
    private static final int UDP_QUIET_MILLIS = 500;
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final BenchLab lab;
    private final Sinks inServer;
    private final Sinks inClient;

    private record Sinks(LabProcess tcp, LabProcess udp) {}

    private JavaTraffic(BenchLab lab, Sinks inServer, Sinks inClient) {
        this.lab = lab;
        this.inServer = inServer;
        this.inClient = inClient;
    }

    static JavaTraffic start(BenchLab lab) {
        return new JavaTraffic(lab, sinks(lab, lab.server()), sinks(lab, lab.client()));
    }

    private static Sinks sinks(BenchLab lab, Namespace namespace) {
        LabProcess tcp = lab.startJava(
                namespace, "tcp-sink-" + namespace.host(), JavaTraffic.class, "tcp-sink", Integer.toString(TCP_PORT));
        LabProcess udp = lab.startJava(
                namespace, "udp-sink-" + namespace.host(), JavaTraffic.class, "udp-sink", Integer.toString(UDP_PORT));
        tcp.awaitOutput("LISTENING", STARTUP);
        udp.awaitOutput("LISTENING", STARTUP);
        return new Sinks(tcp, udp);
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public TcpRun tcp(Ends ends, Duration duration, boolean download) {
        LabProcess sink = (download ? inClient : inServer).tcp();
        int before = lines(sink, "TCP ");
        runSource("tcp-source", ends, download, Integer.toString(TCP_PORT), seconds(duration));
        String[] line = awaitLine(sink, "TCP ", before).split(" ");
        return new TcpRun(Long.parseLong(line[1]) * 8e9 / Long.parseLong(line[2]));
    }

    @Override
    public UdpRun udp(Ends ends, int payloadSize, Duration duration, boolean download) {
        LabProcess sink = (download ? inClient : inServer).udp();
        int before = lines(sink, "UDP ");
        String sent = runSource(
                "udp-source",
                ends,
                download,
                Integer.toString(UDP_PORT),
                Integer.toString(payloadSize),
                seconds(duration));
        String[] line = awaitLine(sink, "UDP ", before).split(" ");
        return new UdpRun(
                Long.parseLong(sent.strip().split(" ")[1]), Long.parseLong(line[1]), Long.parseLong(line[2]) / 1e9);
    }

    /** Runs a source from one end of the path to the other, bound to its end's address, and returns its report. */
    private String runSource(String program, Ends ends, boolean download, String... args) {
        String from = download ? ends.server() : ends.client();
        String to = download ? ends.client() : ends.server();
        List<String> command = new java.util.ArrayList<>(List.of(program, from, to));
        command.addAll(List.of(args));
        Namespace namespace = download ? lab.server() : lab.client();
        LabProcess source = lab.startJava(namespace, program, JavaTraffic.class, command.toArray(String[]::new));
        String stdout = source.waitFor(STARTUP.plusSeconds(Long.parseLong(args[args.length - 1])))
                .orThrow()
                .stdout();
        lab.stop(source);
        return stdout;
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }

    private static int lines(LabProcess sink, String prefix) {
        return (int)
                sink.stdout().lines().filter(line -> line.startsWith(prefix)).count();
    }

    private static String awaitLine(LabProcess sink, String prefix, int before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = sink.stdout()
                    .lines()
                    .filter(line -> line.startsWith(prefix))
                    .toList();
            if (lines.size() > before) {
                return lines.get(before);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for " + sink, e);
            }
        }
        throw new LabException(sink + " reported no run within 30 s: " + sink.stdout() + sink.stderr());
    }

    @Override
    public void close() {
        for (Sinks sinks : List.of(inServer, inClient)) {
            lab.stop(sinks.tcp());
            lab.stop(sinks.udp());
        }
    }

    /**
     * The traffic programs: {@code tcp-sink PORT}, {@code tcp-source FROM TO PORT SECONDS}, {@code udp-sink PORT},
     * {@code udp-source FROM TO PORT SIZE SECONDS} (FROM: the local address to send from).
     */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "tcp-sink" -> tcpSink(Integer.parseInt(args[1]));
            case "tcp-source" -> tcpSource(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
            case "udp-sink" -> udpSink(Integer.parseInt(args[1]));
            case "udp-source" ->
                udpSource(
                        args[1],
                        args[2],
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]),
                        Long.parseLong(args[5]));
            default -> throw new IllegalArgumentException("unknown traffic program " + args[0]);
        }
    }

    private static void tcpSink(int port) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(port));
            System.out.println("LISTENING " + port);
            byte[] buffer = new byte[1 << 16];
            while (true) {
                try (Socket socket = server.accept();
                        InputStream in = socket.getInputStream()) {
                    long total = 0;
                    int n = in.read(buffer);
                    long first = System.nanoTime();
                    for (; n >= 0; n = in.read(buffer)) {
                        total += n;
                    }
                    System.out.println("TCP " + total + " " + Math.max(1, System.nanoTime() - first));
                }
            }
        }
    }

    private static void tcpSource(String from, String host, int port, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long sent = 0;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(host, port), 10_000);
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[1 << 16];
            while (System.nanoTime() < end) {
                out.write(chunk);
                sent += chunk.length;
            }
        }
        System.out.println("SENT " + sent);
    }

    private static void udpSink(int port) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(port)) {
            socket.setReceiveBufferSize(4 << 20);
            System.out.println("LISTENING " + port);
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            while (true) {
                socket.setSoTimeout(0);
                socket.receive(packet);
                long first = System.nanoTime();
                long last = first;
                long count = 1;
                socket.setSoTimeout(UDP_QUIET_MILLIS);
                try {
                    while (true) {
                        socket.receive(packet);
                        count++;
                        last = System.nanoTime();
                    }
                } catch (SocketTimeoutException quiet) {
                    System.out.println("UDP " + count + " " + Math.max(1, last - first));
                }
            }
        }
    }

    private static void udpSource(String from, String host, int port, int size, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long sent = 0;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(from, 0))) {
            socket.connect(new InetSocketAddress(host, port));
            DatagramPacket packet = new DatagramPacket(new byte[size], size);
            while ((sent & 255) != 0 || System.nanoTime() < end) {
                try {
                    socket.send(packet);
                    sent++;
                } catch (java.io.IOException refused) {
                    // ICMP unreachable or a full queue: the datagram is lost, which the sink counts
                }
            }
        }
        System.out.println("SENT " + sent);
    }
}
