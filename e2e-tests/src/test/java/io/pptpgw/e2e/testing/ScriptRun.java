package io.pptpgw.e2e.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A script or tool run to completion, with its exit code and its output (stdout and stderr together). */
public record ScriptRun(List<String> command, int exitCode, String output) {

    /** Runs {@code command} in {@code directory} with {@code environment} added; fails after 60 seconds. */
    public static ScriptRun run(Path directory, Map<String, String> environment, List<String> command) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in 60 s");
            }
            return new ScriptRun(command, process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** For assertion messages: the command, its exit code and its output. */
    public String describe() {
        return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
    }
}
