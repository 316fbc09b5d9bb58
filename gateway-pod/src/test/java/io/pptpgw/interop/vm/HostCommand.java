package io.pptpgw.interop.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program on the host with a deadline, capturing stdout and stderr together. */
public final class HostCommand {

    private HostCommand() {}

    /** Runs {@code argv}; a command still running at the deadline is killed with its children and reports 124. */
    public static CommandResult run(Duration timeout, List<String> argv) {
        return run(timeout, Map.of(), argv);
    }

    public static CommandResult run(Duration timeout, String... argv) {
        return run(timeout, Map.of(), List.of(argv));
    }

    public static CommandResult run(Duration timeout, Map<String, String> environment, List<String> argv) {
        Path output = temporaryFile();
        try {
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            return new CommandResult(
                    String.join(" ", argv), finished ? process.exitValue() : CommandResult.TIMED_OUT, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        } finally {
            deleteQuietly(output);
        }
    }

    /** Runs {@code argv} and throws unless it exits with status 0. */
    public static CommandResult check(Duration timeout, String... argv) {
        return run(timeout, argv).orThrow();
    }

    /** Whether an executable of that name is on the PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String directory : path.split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    /** SIGKILL to the process and every descendant, by PID, so no child survives its parent's deadline. */
    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempFile("pptpgw-host-command", ".out");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for command output", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temporary file is harmless; the command's result matters more.
        }
    }
}
