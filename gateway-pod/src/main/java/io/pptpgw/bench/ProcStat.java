package io.pptpgw.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the kernel accounts to processes and threads, from {@code /proc}: CPU time (user + system, in clock ticks
 * of 1/100 s, USER_HZ on every Linux architecture we run on), resident memory, and the machine's busy time.
 */
final class ProcStat {
    /** USER_HZ: the unit of every CPU time in /proc (sysconf(_SC_CLK_TCK) is 100 on Linux). */
    static final long NANOS_PER_TICK = 10_000_000L;

    private ProcStat() {}

    /**
     * The data path's two workers in one of our processes (a gateway or a client): their CPU time and, for a
     * gateway, the GRE packets its metrics count.
     */
    static final class Workers {
        /** The data path's worker threads (dataplane.DataPlane names them). */
        static final String GRE_WORKER = "pptpgw-gre";

        static final String TUN_WORKER = "pptpgw-tun";

        private final long pid;
        private final GatewayUnderTest gateway;

        private Workers(long pid, GatewayUnderTest gateway) {
            this.pid = pid;
            this.gateway = gateway;
        }

        static Workers of(GatewayUnderTest gateway) {
            return new Workers(gateway.pid(), gateway);
        }

        /** A client's workers: CPU time only. */
        static Workers of(long pid) {
            return new Workers(pid, null);
        }

        Snapshot snapshot() {
            return new Snapshot(
                    threadCpuNanos(pid, Set.of(GRE_WORKER)),
                    threadCpuNanos(pid, Set.of(TUN_WORKER)),
                    gateway == null ? 0 : gateway.metric("pptpgw_gre_packets_total", "direction=\"received\""),
                    gateway == null ? 0 : gateway.metric("pptpgw_gre_packets_total", "direction=\"sent\""));
        }
    }

    /** CPU nanoseconds of each worker and GRE packets counted, at one moment or between two. */
    record Snapshot(long greNanos, long tunNanos, double greReceived, double greSent) {
        Snapshot minus(Snapshot earlier) {
            return new Snapshot(
                    greNanos - earlier.greNanos,
                    tunNanos - earlier.tunNanos,
                    greReceived - earlier.greReceived,
                    greSent - earlier.greSent);
        }
    }

    /** CPU time of a whole process (every thread, living and ended), in nanoseconds. */
    static long processCpuNanos(long pid) {
        return cpuTicks(read(Path.of("/proc", Long.toString(pid), "stat"))) * NANOS_PER_TICK;
    }

    /** CPU time of a process's threads whose names are in {@code threadNames}, in nanoseconds. */
    static long threadCpuNanos(long pid, Set<String> threadNames) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long ticks = 0;
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                String name = readOrEmpty(task.resolve("comm")).strip();
                if (threadNames.contains(name)) {
                    ticks += cpuTicks(readOrEmpty(task.resolve("stat")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid + " in " + tasks, e);
        }
        return ticks * NANOS_PER_TICK;
    }

    /** Resident set size (VmRSS) of a process, in bytes. */
    static long residentBytes(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS line: is " + pid + " a process?");
    }

    /** Busy time of every CPU of the machine (all but idle and iowait), in nanoseconds. */
    static long machineBusyNanos() {
        String first = read(Path.of("/proc/stat")).lines().findFirst().orElse("");
        String[] fields = first.trim().split("\\s+");
        long busy = 0;
        // cpu user nice system idle iowait irq softirq steal guest guest_nice: guests are already in user and nice
        for (int i = 1; i <= 8 && i < fields.length; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy * NANOS_PER_TICK;
    }

    /** utime + stime (fields 14 and 15) of a stat line; the name in parentheses may contain spaces. */
    static long cpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return 0; // the thread ended between listing and reading
        }
        List<String> fields = List.of(stat.substring(end + 2).trim().split(" "));
        return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "";
        }
    }
}
