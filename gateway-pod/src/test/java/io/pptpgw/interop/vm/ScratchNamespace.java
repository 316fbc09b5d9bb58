package io.pptpgw.interop.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network namespace of a test's own, named {@code <prefix>-<pid>-<n>} so it never collides with another
 * helper's, with a way to run shell commands inside it; deleted on close (kept with {@code -Dpptpgw.vm.keep=true}).
 * Stands in until a lab topology provides the namespace: {@link Vm} only needs the namespace's name.
 */
public final class ScratchNamespace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchNamespace.class);
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);
    private static int created;

    private final String name;
    private final List<Process> background = new ArrayList<>();

    private ScratchNamespace(String name) {
        this.name = name;
    }

    public static synchronized ScratchNamespace create(String prefix) {
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + created++;
        HostCommand.check(IP_TIMEOUT, "ip", "netns", "add", name);
        ScratchNamespace namespace = new ScratchNamespace(name);
        namespace.sh("ip link set lo up", IP_TIMEOUT).orThrow();
        return namespace;
    }

    public String name() {
        return name;
    }

    /** Runs a bash script in the namespace and waits for it. */
    public CommandResult sh(String script, Duration timeout) {
        return HostCommand.run(timeout, "ip", "netns", "exec", name, "bash", "-c", script);
    }

    /**
     * Starts a bash script in the namespace in the background (a listener, a capture), its output going to
     * {@code output}; killed with its children on {@link #close()} if still running.
     */
    public Process spawn(String script, Path output) {
        try {
            Files.createDirectories(output.toAbsolutePath().getParent());
            Process process = new ProcessBuilder("ip", "netns", "exec", name, "bash", "-c", script)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            synchronized (background) {
                background.add(process);
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start `" + script + "` in namespace " + name, e);
        }
    }

    @Override
    public void close() {
        synchronized (background) {
            background.stream().filter(Process::isAlive).forEach(HostCommand::kill);
        }
        if (VmOptions.keepRequested()) {
            LOG.warn(
                    "keeping namespace {} ({}=true); remove it with `ip netns del {}`",
                    name,
                    VmOptions.KEEP_PROPERTY,
                    name);
            return;
        }
        HostCommand.run(IP_TIMEOUT, "ip", "netns", "del", name);
    }
}
