package io.pptpgw.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pptpgw version}: the same line as {@code --version}, for scripts and bug reports. */
@Command(name = "version", description = "Print the version of pptpgw.")
public final class VersionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("pptpgw " + Version.current());
        return 0;
    }
}
