package io.pptpgw.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs commands as child processes, each prefixed with a fixed argument vector: nothing on the host, or
 * {@code ip netns exec NAME} to act inside a named network namespace. A process that does not finish within the
 * timeout is killed.
 */
public final class ProcessCommandRunner implements CommandRunner {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final List<String> prefix;
    private final Duration timeout;

    public ProcessCommandRunner(List<String> prefix, Duration timeout) {
        this.prefix = List.copyOf(prefix);
        this.timeout = timeout;
    }

    /** Runs commands in the caller's own network namespace. */
    public static ProcessCommandRunner host() {
        return new ProcessCommandRunner(List.of(), DEFAULT_TIMEOUT);
    }

    /** Runs commands inside the named network namespace (as created by {@code ip netns add}). */
    public static ProcessCommandRunner inNamespace(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("network namespace name \"" + namespace
                    + "\" must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return new ProcessCommandRunner(List.of("ip", "netns", "exec", namespace), DEFAULT_TIMEOUT);
    }

    public List<String> prefix() {
        return prefix;
    }

    @Override
    public CommandResult run(List<String> argv, String stdin) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(argv);
        Process process;
        try {
            process = new ProcessBuilder(full).start();
        } catch (IOException e) {
            throw new CommandException("cannot start " + String.join(" ", full) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        writeStdin(process, stdin);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CommandException(String.join(" ", full) + " did not finish within " + timeout);
            }
            return new CommandResult(argv, process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted while running " + String.join(" ", full), e);
        } catch (ExecutionException e) {
            throw new CommandException("cannot read the output of " + String.join(" ", full), e.getCause());
        }
    }

    private static void writeStdin(Process process, String stdin) {
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null && !stdin.isEmpty()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The program exited without reading all of its input; its exit code and stderr say why.
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                text.complete(bytes.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return text;
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? "host" : String.join(" ", prefix);
    }
}
