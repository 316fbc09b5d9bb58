package io.pptpgw.lab;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command to run, immutable: its argv, what to feed its stdin, how long it may take, extra environment. {@link
 * #run()} waits for it, {@link #start()} returns a handle. Stdin is {@code /dev/null} unless given, so nothing ever
 * waits for input that will not come.
 */
public final class Invocation {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> command;
    private final byte[] input;
    private final Duration timeout;
    private final Map<String, String> environment;

    private Invocation(List<String> command, byte[] input, Duration timeout, Map<String, String> environment) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an invocation needs a command");
        }
        this.command = List.copyOf(command);
        this.input = input;
        this.timeout = timeout;
        this.environment = Map.copyOf(environment);
    }

    public static Invocation of(String... command) {
        return of(List.of(command));
    }

    public static Invocation of(List<String> command) {
        return new Invocation(command, null, DEFAULT_TIMEOUT, Map.of());
    }

    /**
     * A Java process running {@code mainClass} with this JVM's {@code java}, this JVM's class path and
     * {@code --enable-native-access=ALL-UNNAMED}: test classes can be started as real processes.
     */
    public static Invocation java(Class<?> mainClass, String... args) {
        return java(List.of(), mainClass, args);
    }

    /** As {@link #java(Class, String...)}, with extra JVM options (e.g. {@code -Xmx64m}) before the main class. */
    public static Invocation java(List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(Arrays.asList(args));
        return of(command);
    }

    public List<String> command() {
        return command;
    }

    public Duration timeout() {
        return timeout;
    }

    /** This command run inside a named network namespace ({@code ip netns exec <name> ...}). */
    public Invocation inNamespace(String namespaceName) {
        List<String> wrapped = new ArrayList<>(List.of(Preflight.tool("ip"), "netns", "exec", namespaceName));
        wrapped.addAll(command);
        return new Invocation(wrapped, input, timeout, environment);
    }

    public Invocation withInput(String text) {
        return withInput(text.getBytes(StandardCharsets.UTF_8));
    }

    public Invocation withInput(byte[] bytes) {
        return new Invocation(command, bytes.clone(), timeout, environment);
    }

    public Invocation withTimeout(Duration newTimeout) {
        return new Invocation(command, input, newTimeout, environment);
    }

    public Invocation withEnvironment(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(environment);
        next.put(key, value);
        return new Invocation(command, input, timeout, next);
    }

    /** Runs the command to completion; a {@link LabException} if it cannot start or outlives the timeout. */
    public ExecResult run() {
        return start().waitFor(timeout);
    }

    /** Starts the command and returns at once; its output is captured from the first byte. */
    public LabProcess start() {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (input == null) {
            builder.redirectInput(new File("/dev/null"));
        }
        try {
            Process process = builder.start();
            if (input != null) {
                Thread.ofVirtual().name("stdin-" + process.pid()).start(() -> feed(process.getOutputStream()));
            }
            return new LabProcess(command, process, timeout);
        } catch (IOException e) {
            throw new LabException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    private void feed(OutputStream stdin) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // The process exited or closed its stdin before reading everything; its exit code tells the story.
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
