package io.pptpgw.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the lab needs from the machine, checked before anything is created so that a lab without them fails at
 * once with a message naming what is missing, and never hangs or half-builds.
 */
public final class Preflight {
    /** capability(7) bit numbers, from linux/capability.h. */
    static final int CAP_NET_ADMIN = 12;

    static final int CAP_SYS_ADMIN = 21;

    /** Each tool the lab runs, with the Debian package that provides it. */
    static final Map<String, String> TOOLS = toolsInOrder();

    /** Where root's tools live even when this process's PATH (a user's, or a service's) leaves them out. */
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private static final Map<String, String> RESOLVED = new ConcurrentHashMap<>();

    private Preflight() {}

    /** Throws a {@link LabUnavailableException} naming every missing capability and tool, if any. */
    public static void require() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new LabUnavailableException("the network lab cannot run here: " + String.join("; ", problems));
        }
    }

    /** What this process lacks for the lab; empty when it can run. */
    public static List<String> problems() {
        String status;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            return List.of("cannot read /proc/self/status to check capabilities (" + e.getMessage()
                    + "); the lab needs Linux with /proc mounted");
        }
        return problems(status, Preflight::find);
    }

    /** The problems for a given {@code /proc/<pid>/status} text and a way to find tools; pure, for tests. */
    static List<String> problems(String procStatus, Function<String, Optional<Path>> findTool) {
        List<String> problems = new ArrayList<>();
        capabilityProblem(procStatus).ifPresent(problems::add);
        TOOLS.forEach((tool, debianPackage) -> {
            if (findTool.apply(tool).isEmpty()) {
                problems.add("the '" + tool + "' tool is missing (searched PATH and " + SYSTEM_DIRECTORIES
                        + "; install the " + debianPackage + " package)");
            }
        });
        return problems;
    }

    private static Optional<String> capabilityProblem(String procStatus) {
        Optional<String> hex = procStatus
                .lines()
                .filter(line -> line.startsWith("CapEff:"))
                .map(line -> line.substring("CapEff:".length()).strip())
                .findFirst();
        if (hex.isEmpty()) {
            return Optional.of("no CapEff line in /proc/self/status, so CAP_NET_ADMIN and CAP_SYS_ADMIN cannot be"
                    + " confirmed; the lab needs Linux");
        }
        long effective = Long.parseUnsignedLong(hex.get(), 16);
        List<String> missing = new ArrayList<>();
        if ((effective & (1L << CAP_NET_ADMIN)) == 0) {
            missing.add("CAP_NET_ADMIN (to create veths, addresses, routes and nftables rules)");
        }
        if ((effective & (1L << CAP_SYS_ADMIN)) == 0) {
            missing.add("CAP_SYS_ADMIN (to create and enter network namespaces)");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("this process lacks " + String.join(" and ", missing) + " (CapEff " + hex.get()
                + " in /proc/self/status); run it as root, e.g. with sudo, or grant those capabilities");
    }

    /** The absolute path of a lab tool, searched once. */
    static String tool(String name) {
        return RESOLVED.computeIfAbsent(
                name,
                n -> find(n).map(Path::toString)
                        .orElseThrow(() -> new LabUnavailableException("the network lab cannot run here: the '" + n
                                + "' tool is missing (install the " + TOOLS.getOrDefault(n, n) + " package)")));
    }

    private static Optional<Path> find(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(":")), SYSTEM_DIRECTORIES.stream())
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Map<String, String> toolsInOrder() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("ip", "iproute2");
        tools.put("nft", "nftables");
        tools.put("sysctl", "procps");
        return Collections.unmodifiableMap(tools);
    }
}
