package io.pptpgw.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Named network namespaces as iproute2 keeps them: bind mounts under {@code /run/netns}. */
final class Netns {
    static final Path DIRECTORY = Path.of("/run/netns");

    private Netns() {}

    /** The names that exist now. */
    static List<String> list() {
        if (!Files.isDirectory(DIRECTORY)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new LabException("cannot list " + DIRECTORY + ": " + e.getMessage(), e);
        }
    }

    static boolean exists(String name) {
        return Files.exists(DIRECTORY.resolve(name));
    }

    /** The namespace's inode: what {@code /proc/<pid>/ns/net} of every process inside it points to. */
    static Optional<Long> inode(String name) {
        try {
            return Optional.of((Long) Files.getAttribute(DIRECTORY.resolve(name), "unix:ino"));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The processes whose network namespace has this inode. */
    static List<ProcessHandle> processesIn(long inode) {
        String link = "net:[" + inode + "]";
        return ProcessHandle.allProcesses()
                .filter(process -> link.equals(networkNamespaceOf(process.pid())))
                .toList();
    }

    private static String networkNamespaceOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net"))
                    .toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** Creates the names, all or none: on failure the ones created are removed again. */
    static void add(Collection<String> names) {
        ExecResult result = ipBatch(
                List.of(), names.stream().map(name -> "netns add " + name).toList());
        if (!result.succeeded()) {
            delete(names.stream().filter(Netns::exists).toList());
            throw new LabException("cannot create network namespaces " + names + ": " + result);
        }
    }

    /**
     * Kills every process inside the namespaces, then deletes their names. The kernel frees a namespace, and the
     * veths in it, once no process and no name holds it. Names already gone are skipped.
     */
    static void delete(Collection<String> names) {
        List<String> existing = names.stream().filter(Netns::exists).toList();
        if (existing.isEmpty()) {
            return;
        }
        existing.stream().map(Netns::inode).flatMap(Optional::stream).forEach(Netns::killProcessesIn);
        ExecResult result = ipBatch(
                List.of("-force"),
                existing.stream().map(name -> "netns delete " + name).toList());
        List<String> left = existing.stream().filter(Netns::exists).toList();
        if (!left.isEmpty()) {
            throw new LabException("cannot delete network namespaces " + left + ": " + result);
        }
    }

    /** SIGKILL, without waiting: a dead process holds no namespace even before its parent reaps it. */
    private static void killProcessesIn(long inode) {
        processesIn(inode).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Runs {@code ip [options] -batch -} with one command per line. Options apply to every line: {@code -force}
     * goes on past failed lines, {@code -n <name>} runs them all inside a namespace.
     */
    static ExecResult ipBatch(List<String> options, List<String> lines) {
        List<String> command = Stream.of(List.of(Preflight.tool("ip")), options, List.of("-batch", "-"))
                .flatMap(List::stream)
                .toList();
        return Invocation.of(command).withInput(String.join("\n", lines) + "\n").run();
    }
}
