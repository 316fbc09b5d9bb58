package io.pptpgw.interop.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a VM runs: its name (used for its run directory), memory, how long it may take to boot, how long it may
 * live at most (then its QEMU is killed by PID, whatever the test is doing), the default deadline of a guest
 * command, where run directories go, and whether to leave it running after {@link Vm#close()} for debugging.
 *
 * <p>{@code -Dpptpgw.vm.keep=true} keeps every VM (and the test's namespace) alive after the test; the log
 * says how to reach its shell and how to stop it.
 */
public record VmOptions(
        String name,
        int memoryMib,
        Duration bootTimeout,
        Duration lifetime,
        Duration commandTimeout,
        Path runRoot,
        boolean keepRunning) {

    public static final String KEEP_PROPERTY = "pptpgw.vm.keep";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public VmOptions {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("VM name '" + name
                    + "' must be 1-40 lower-case letters, digits or '-', starting with a letter or digit");
        }
        if (memoryMib < 128 || memoryMib > 4096) {
            throw new IllegalArgumentException("memoryMib " + memoryMib + " is outside 128..4096");
        }
        requirePositive("bootTimeout", bootTimeout);
        requirePositive("lifetime", lifetime);
        requirePositive("commandTimeout", commandTimeout);
        Objects.requireNonNull(runRoot, "runRoot");
    }

    /**
     * Defaults for a test VM: 384 MiB (a 50 MB transfer file fits in the guest's tmpfs), 4 minutes to boot (TCG
     * on a busy two-core machine), 20 minutes to live, 2 minutes per command.
     */
    public static VmOptions named(String name) {
        return new VmOptions(
                name,
                384,
                Duration.ofMinutes(4),
                Duration.ofMinutes(20),
                Duration.ofMinutes(2),
                defaultRunRoot(),
                keepRequested());
    }

    public VmOptions withMemoryMib(int newMemoryMib) {
        return new VmOptions(name, newMemoryMib, bootTimeout, lifetime, commandTimeout, runRoot, keepRunning);
    }

    public VmOptions withLifetime(Duration newLifetime) {
        return new VmOptions(name, memoryMib, bootTimeout, newLifetime, commandTimeout, runRoot, keepRunning);
    }

    public VmOptions withCommandTimeout(Duration newCommandTimeout) {
        return new VmOptions(name, memoryMib, bootTimeout, lifetime, newCommandTimeout, runRoot, keepRunning);
    }

    public VmOptions withRunRoot(Path newRunRoot) {
        return new VmOptions(name, memoryMib, bootTimeout, lifetime, commandTimeout, newRunRoot, keepRunning);
    }

    public VmOptions withKeepRunning(boolean keep) {
        return new VmOptions(name, memoryMib, bootTimeout, lifetime, commandTimeout, runRoot, keep);
    }

    /** Whether {@code -Dpptpgw.vm.keep=true} asks to leave VMs and namespaces running after the tests. */
    public static boolean keepRequested() {
        return Boolean.getBoolean(KEEP_PROPERTY);
    }

    /** {@code target/interop} of the module under test. */
    public static Path defaultRunRoot() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "interop");
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " " + value + " must be positive");
        }
    }
}
