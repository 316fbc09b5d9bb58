package io.pptpgw.net;

import java.util.List;

/** What a finished command left behind: its argument vector, exit code and both output streams. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {
    public CommandResult {
        argv = List.copyOf(argv);
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public static CommandResult ok(List<String> argv, String stdout) {
        return new CommandResult(argv, 0, stdout, "");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The first non-blank line of standard error, where tools like nft and ip put the reason. */
    public String firstErrorLine() {
        return stderr.lines()
                .filter(line -> !line.isBlank())
                .findFirst()
                .orElse("")
                .strip();
    }

    public String describeFailure() {
        String reason = firstErrorLine();
        return String.join(" ", argv) + " failed with exit code " + exitCode + (reason.isEmpty() ? "" : ": " + reason);
    }
}
