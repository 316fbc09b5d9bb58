package io.pptpgw.lab;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running command (in a namespace or not) whose output is captured. Every wait is bounded; {@link #close()}
 * ends the process and its descendants, so a test can hold it in try-with-resources.
 */
public final class LabProcess implements AutoCloseable {
    /** How long a process gets to exit after SIGTERM before it is killed with SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** How long the output pipes may stay open after the process exited (held by its orphaned children). */
    private static final Duration PIPE_PATIENCE = Duration.ofSeconds(2);

    private final List<String> command;
    private final Process process;
    private final Duration defaultTimeout;
    private final OutputCapture stdout;
    private final OutputCapture stderr;

    LabProcess(List<String> command, Process process, Duration defaultTimeout) {
        this.command = List.copyOf(command);
        this.process = process;
        this.defaultTimeout = defaultTimeout;
        this.stdout = new OutputCapture(process.getInputStream(), "stdout-" + process.pid());
        this.stderr = new OutputCapture(process.getErrorStream(), "stderr-" + process.pid());
    }

    public long pid() {
        return process.pid();
    }

    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote to stdout so far. */
    public String stdout() {
        return stdout.text();
    }

    /** Everything the process wrote to stderr so far. */
    public String stderr() {
        return stderr.text();
    }

    /**
     * Waits until stdout or stderr contains {@code text}, e.g. a server's "listening" line. Throws a {@link
     * LabException} with the output so far if the process exits first or the timeout passes (the process is left
     * running; close it).
     */
    public LabProcess awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stdout().contains(text) && !stderr().contains(text)) {
            if (!process.isAlive()) {
                stdout.awaitEnd(PIPE_PATIENCE);
                stderr.awaitEnd(PIPE_PATIENCE);
                if (stdout().contains(text) || stderr().contains(text)) {
                    return this;
                }
                throw new LabException(describe("exited " + process.exitValue() + " before writing '" + text + "'"));
            }
            if (System.nanoTime() > deadline) {
                throw new LabException(describe("did not write '" + text + "' within " + timeout));
            }
            sleep(Duration.ofMillis(10));
        }
        return this;
    }

    /** {@link #waitFor(Duration)} with the invocation's timeout. */
    public ExecResult waitFor() {
        return waitFor(defaultTimeout);
    }

    /** Waits for the process to exit; if it does not within {@code timeout} it is destroyed and this throws. */
    public ExecResult waitFor(Duration timeout) {
        if (!awaitExit(timeout)) {
            destroy();
            throw new LabException(describe("did not finish within " + timeout + " and was killed"));
        }
        stdout.awaitEnd(PIPE_PATIENCE);
        stderr.awaitEnd(PIPE_PATIENCE);
        return new ExecResult(command, process.exitValue(), stdout(), stderr());
    }

    /**
     * Ends the process and its descendants: SIGTERM, then SIGKILL after a grace period. Idempotent. What the process
     * prints on its way out (a shutdown hook's last words) is still captured: {@link #waitFor} afterwards has it.
     */
    public void destroy() {
        List<ProcessHandle> descendants = process.descendants().toList();
        // Not Process.destroy(): it also closes our ends of the pipes, losing whatever the process prints after
        // SIGTERM.
        process.toHandle().destroy();
        descendants.forEach(ProcessHandle::destroy);
        if (!awaitExit(GRACE)) {
            process.destroyForcibly();
            awaitExit(GRACE);
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "process " + process.pid() + " (" + String.join(" ", command) + ")";
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for " + this, e);
        }
    }

    private String describe(String what) {
        return "command " + String.join(" ", command) + " " + what + ExecResult.section("stdout", stdout())
                + ExecResult.section("stderr", stderr());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for output", e);
        }
    }
}
