package io.pptpgw.interop.vm;

import java.time.Duration;
import java.util.Optional;

/**
 * A command running in the guest, started by {@link Vm#spawn} (no deadline) or {@link Vm#exec} (which waits for
 * it). Its output and exit status land in the host share as {@code out/<id>.out} and {@code out/<id>.rc}.
 */
public final class GuestJob {

    private final Vm vm;
    private final int id;
    private final String script;

    GuestJob(Vm vm, int id, String script) {
        this.vm = vm;
        this.id = id;
        this.script = script;
    }

    public int id() {
        return id;
    }

    public String script() {
        return script;
    }

    /** The output so far (stdout and stderr together). */
    public String output() {
        return vm.readShare("out/" + id + ".out").orElse("");
    }

    /** The exit status, once the command has finished. */
    public Optional<Integer> exitCode() {
        return vm.readShare("out/" + id + ".rc").map(String::strip).map(Integer::valueOf);
    }

    public boolean finished() {
        return exitCode().isPresent();
    }

    /** Waits for the command to finish; throws with the VM's diagnostics if it does not in time. */
    public CommandResult await(Duration timeout) {
        return vm.awaitJob(this, timeout);
    }

    @Override
    public String toString() {
        return "guest command " + id + " `" + script.strip() + "`";
    }
}
