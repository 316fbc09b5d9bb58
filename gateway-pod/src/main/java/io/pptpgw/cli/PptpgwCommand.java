package io.pptpgw.cli;

import io.pptpgw.lab.LabException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code pptpgw} command line. To add a subcommand, write a picocli {@code @Command} class named
 * {@code <Name>Command} in this package and add it to {@code subcommands} below; {@code --help} lists it from then
 * on.
 */
@Command(
        name = "pptpgw",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A userspace PPTP gateway for Kubernetes, with its network lab and tools.",
        subcommands = {
            VersionCommand.class,
            GatewayCommand.class,
            ProbeCommand.class,
            SessionsCommand.class,
            DoctorCommand.class,
            LabCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PptpgwCommand implements Callable<Integer> {
    /** What a command returns when the request itself was wrong (picocli's convention for usage errors). */
    static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: tests run it in process with their own output writers. */
    public static CommandLine commandLine() {
        return new CommandLine(new PptpgwCommand()).setExecutionExceptionHandler(PptpgwCommand::report);
    }

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** A lab or argument failure is the user's to fix: its message, not a stack trace. Anything else is a bug. */
    private static int report(Exception failure, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (failure instanceof LabException || failure instanceof IllegalArgumentException) {
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + failure.getMessage());
            return 1;
        }
        throw failure;
    }
}
