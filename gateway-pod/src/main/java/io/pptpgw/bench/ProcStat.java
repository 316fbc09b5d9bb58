package io.pptpgw.bench;

import io.pptpgw.lab.LabException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        return cpuTicks(read(stat), stat.toString()) * NANOS_PER_TICK;
    }

    /** CPU time of a process's threads whose names are in {@code threadNames}, in nanoseconds. */
    static long threadCpuNanos(long pid, Set<String> threadNames) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long ticks = 0;
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                String name = readOrEmpty(task.resolve("comm")).strip();
                String stat = readOrEmpty(task.resolve("stat"));
                // An empty file: the thread ended between listing and reading, and its time is in no thread now.
                if (threadNames.contains(name) && !stat.isEmpty()) {
                    ticks += cpuTicks(stat, task.resolve("stat").toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid + " in " + tasks, e);
        }
        return ticks * NANOS_PER_TICK;
    }

    /** Resident set size (VmRSS) of a process, in bytes. */
    static long residentBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        return residentBytes(read(status), status.toString());
    }

    /** Busy time of every CPU of the machine (all but idle and iowait), in nanoseconds. */
    static long machineBusyNanos() {
        return busyTicks(read(Path.of("/proc/stat"))) * NANOS_PER_TICK;
    }

    /**
     * utime + stime (fields 14 and 15, proc(5)) of a {@code stat} line read from {@code source}. The name in
     * parentheses may contain spaces and parentheses itself, so the fields are counted from the last ')'.
     */
    static long cpuTicks(String stat, String source) {
        int end = stat.lastIndexOf(')');
        String[] fields =
                end < 0 ? new String[0] : stat.substring(end + 1).strip().split(" +");
        if (fields.length < 13) {
            throw malformed(source, stat, "a stat line with utime and stime (fields 14 and 15) after '(name)'");
        }
        return number(fields[11], source, stat) + number(fields[12], source, stat);
    }

    /** The {@code VmRSS:} line of a {@code status} file read from {@code source}, in bytes. */
    static long residentBytes(String status, String source) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] value = line.substring("VmRSS:".length()).strip().split("\\s+");
                if (value.length != 2 || !value[1].equals("kB")) {
                    throw malformed(source, line, "'VmRSS: <number> kB'");
                }
                return number(value[0], source, line) * 1024;
            }
        }
        throw malformed(source, status, "a 'VmRSS:' line (a process that has not exited)");
    }

    /**
     * The busy ticks of all CPUs from {@code /proc/stat}'s first line: {@code cpu user nice system idle iowait irq
     * softirq steal [guest guest_nice]}, less idle and iowait (guest time is already counted in user and nice).
     */
    static long busyTicks(String procStat) {
        String first = procStat.lines().findFirst().orElse("");
        String[] fields = first.strip().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 9) {
            throw malformed("/proc/stat", first, "a first line 'cpu' with at least 8 times");
        }
        long busy = 0;
        for (int i = 1; i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += number(fields[i], "/proc/stat", first);
            }
        }
        return busy;
    }

    private static long number(String field, String source, String text) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw malformed(source, text, "a count of clock ticks or kB where '" + field + "' is");
        }
    }

    private static LabException malformed(String source, String text, String expected) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return new LabException(
                source + " is not what Linux writes there: expected " + expected + ", read '" + shown.strip() + "'");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A thread's file, or nothing when the thread ended (its directory is gone, or reading it fails). */
    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
