package io.pptpgw.net;

import java.util.List;

/**
 * Runs a system command ({@code nft}, {@code ip}, {@code conntrack}, ...) with an argument vector, never a shell
 * line, and optional standard input. Implementations decide where it runs: on the host, or inside a network
 * namespace ({@link ProcessCommandRunner#inNamespace}); tests use {@link RecordingCommandRunner}.
 */
public interface CommandRunner {
    /**
     * Runs {@code argv} to completion. A non-zero exit is a normal result, not an exception.
     *
     * @throws CommandException when the program cannot be started or does not finish in time
     */
    CommandResult run(List<String> argv, String stdin);

    default CommandResult run(String... argv) {
        return run(List.of(argv), "");
    }

    /** Runs {@code argv} and returns its result, or throws {@link CommandException} naming the command. */
    default CommandResult runChecked(String... argv) {
        CommandResult result = run(argv);
        if (!result.succeeded()) {
            throw new CommandException(result.describeFailure());
        }
        return result;
    }
}
