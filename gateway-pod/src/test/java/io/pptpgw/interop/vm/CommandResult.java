package io.pptpgw.interop.vm;

import java.util.Objects;

/**
 * What a finished command left behind: its exit status and its output (stdout and stderr together), whether it
 * ran on the host, in a namespace, or in the guest.
 */
public record CommandResult(String command, int exitCode, String output) {

    /** The exit status GNU {@code timeout} and our host runner report for a command that ran out of time. */
    public static final int TIMED_OUT = 124;

    public CommandResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(output, "output");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this result if the command succeeded, else throws with the command, its status and its output. */
    public CommandResult orThrow() {
        if (!succeeded()) {
            throw new IllegalStateException(describe());
        }
        return this;
    }

    public String describe() {
        return "command `%s` exited with status %d%s; output:%n%s"
                .formatted(command, exitCode, exitCode == TIMED_OUT ? " (timed out)" : "", output);
    }
}
