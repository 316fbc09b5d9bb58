package io.pptpgw.cli;

import io.pptpgw.admin.ActiveSession;
import io.pptpgw.admin.AdminClient;
import io.pptpgw.admin.AdminException;
import io.pptpgw.admin.AdminProtocol;
import io.pptpgw.admin.AdminServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pptpgw sessions}: the sessions of a gateway running on this node, from its admin socket. */
@Command(
        name = "sessions",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the sessions of a gateway running on this node: user, call ID, peer, tunnel address, encryption,"
                    + " uptime, packets and bytes each way (RX from the client, TX to it) and idle time.",
            "Exit code 0 when the gateway answered, 1 when no gateway answers, 2 when an option is invalid."
        })
public final class SessionsCommand implements Callable<Integer> {
    static final int NOT_RUNNING = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private Target target;

    @Option(names = "--json", description = "Print the sessions as JSON.")
    private boolean json;

    private final Path directory;
    private final Clock clock;

    static final class Target {
        @Option(names = "--socket", paramLabel = "PATH", description = "The gateway's admin socket.")
        Path socket;

        @Option(
                names = "--gateway",
                paramLabel = "NAME",
                description = "The gateway's name: its socket is /run/pptpgw/NAME.sock (default: the only one there).")
        String gateway;
    }

    public SessionsCommand() {
        this(AdminServer.DEFAULT_DIRECTORY, Clock.systemUTC());
    }

    /** For tests: sockets in {@code directory}, uptimes measured by {@code clock}. */
    SessionsCommand(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path socket;
        try {
            socket = socket();
        } catch (IllegalArgumentException e) {
            err.println("sessions: " + e.getMessage());
            return PptpgwCommand.USAGE;
        } catch (AdminException e) {
            err.println("sessions: " + e.getMessage());
            return NOT_RUNNING;
        }
        List<ActiveSession> sessions;
        try {
            sessions = new AdminClient(socket, TIMEOUT).sessions();
        } catch (AdminException e) {
            err.println("sessions: " + e.getMessage());
            return NOT_RUNNING;
        }
        List<ActiveSession> sorted = sessions.stream()
                .sorted(Comparator.comparing(ActiveSession::user).thenComparing(ActiveSession::callId))
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? AdminProtocol.sessions(sorted, true) : table(sorted, clock.instant()));
        out.flush();
        return 0;
    }

    private Path socket() {
        if (target != null && target.socket != null) {
            return target.socket;
        }
        if (target != null && target.gateway != null) {
            return directory.resolve(AdminServer.defaultSocket(target.gateway).getFileName());
        }
        List<Path> sockets;
        try (Stream<Path> files = Files.list(directory)) {
            sockets = files.filter(p -> p.getFileName().toString().endsWith(".sock"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AdminException("no gateway is running here: cannot list " + directory + " (" + e + ")");
        }
        return switch (sockets.size()) {
            case 0 -> throw new AdminException("no gateway is running here: no admin socket in " + directory);
            case 1 -> sockets.getFirst();
            default ->
                throw new IllegalArgumentException("several gateways run here ("
                        + String.join(
                                ", ",
                                sockets.stream()
                                        .map(SessionsCommand::gatewayName)
                                        .toList())
                        + "); choose one with --gateway NAME");
        };
    }

    private static String gatewayName(Path socket) {
        String file = socket.getFileName().toString();
        return file.substring(0, file.length() - ".sock".length());
    }

    static String table(List<ActiveSession> sessions, Instant now) {
        if (sessions.isEmpty()) {
            return "no sessions\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            "USER",
            "CALL-ID",
            "PEER",
            "ADDRESS",
            "ENCRYPTION",
            "UP",
            "RX-BYTES",
            "RX-PKTS",
            "TX-BYTES",
            "TX-PKTS",
            "IDLE"
        });
        for (ActiveSession s : sessions) {
            rows.add(new String[] {
                s.user().isEmpty() ? "-" : s.user(),
                String.format(Locale.ROOT, "0x%04x", s.callId()),
                AdminProtocol.hostAndPort(s.peer()),
                s.tunnelAddress().isEmpty() ? "-" : s.tunnelAddress(),
                s.encryption(),
                duration(Duration.between(s.upSince(), now)),
                bytes(s.receivedBytes()),
                Long.toString(s.receivedPackets()),
                bytes(s.sentBytes()),
                Long.toString(s.sentPackets()),
                duration(Duration.between(s.lastActivity(), now))
            });
        }
        return aligned(rows) + sessions.size() + (sessions.size() == 1 ? " session\n" : " sessions\n");
    }

    private static String aligned(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], printable(row[i]).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", printable(row[i])));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A user name is the peer's choice: control characters would break the table (or the terminal). */
    private static String printable(String text) {
        return text.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** {@code 45s}, {@code 3m07s}, {@code 2h05m}, {@code 3d04h}. */
    static String duration(Duration elapsed) {
        long s = Math.max(0, elapsed.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 12.0 MiB}: binary units, one decimal. */
    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = count;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
