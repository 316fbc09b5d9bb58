package io.pptpgw.lab;

import java.util.List;

/** How a finished command ended: its exit code and everything it wrote (UTF-8). */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {
    public ExecResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result if the command exited 0; otherwise a {@link LabException} with the command, code and output. */
    public ExecResult orThrow() {
        if (!succeeded()) {
            throw new LabException(this.toString());
        }
        return this;
    }

    @Override
    public String toString() {
        return "command " + String.join(" ", command) + " exited " + exitCode + section("stdout", stdout)
                + section("stderr", stderr);
    }

    static String section(String name, String text) {
        return text.isBlank() ? "" : "\n--- " + name + " ---\n" + text.stripTrailing();
    }
}
