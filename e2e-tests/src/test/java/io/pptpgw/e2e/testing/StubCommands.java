package io.pptpgw.e2e.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A directory of stand-in commands to put first on PATH: each records its name and arguments, one line per call,
 * in {@code calls.log}, then runs the shell snippet it was given (by default nothing, exit 0). Scripts that drive
 * docker, kind, helm or pppd can so be run here, where those cannot.
 */
public final class StubCommands {
    private final Path directory;

    public StubCommands(Path directory) {
        this.directory = directory;
    }

    /** A command that records its call and exits 0. */
    public StubCommands add(String name) {
        return add(name, "exit 0");
    }

    /** A command that records its call, then runs {@code body} (a POSIX shell snippet; {@code "$@"} are its args). */
    public StubCommands add(String name, String body) {
        Path file = directory.resolve(name);
        String script = "#!/bin/sh\nprintf '%s' '" + name + "' >> '" + log() + "'\n"
                + "for arg in \"$@\"; do printf ' %s' \"$arg\" >> '" + log() + "'; done\n"
                + "echo >> '" + log() + "'\n" + body + "\n";
        try {
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path directory() {
        return directory;
    }

    public Path log() {
        return directory.resolve("calls.log");
    }

    /** Every recorded call, in order, as "name arg1 arg2 ...". */
    public List<String> calls() {
        try {
            return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PATH with the stubs first. */
    public String path() {
        return directory + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    }
}
