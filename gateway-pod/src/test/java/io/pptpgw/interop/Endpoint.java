package io.pptpgw.interop;

import io.pptpgw.interop.vm.CommandResult;
import io.pptpgw.interop.vm.GuestJob;
import io.pptpgw.interop.vm.HostCommand;
import io.pptpgw.interop.vm.Vm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Somewhere a test can run shell commands to move traffic: the guest (optionally inside one of its own network
 * namespaces) or a host network namespace (a lab namespace, or a test's own). Both sides of a {@link
 * ChecksummedTransfer} are endpoints.
 */
public sealed interface Endpoint {

    /** A name for messages: {@code guest}, {@code guest netns c}, {@code netns lab-gw}. */
    String name();

    /** Runs a bash script and waits for it. */
    CommandResult run(String script, Duration timeout);

    /** Starts a bash script in the background; the handle waits for it. */
    Running start(String script);

    /** A background script. */
    interface Running {
        CommandResult await(Duration timeout);
    }

    static Endpoint guest(Vm vm) {
        return new Guest(vm, Optional.empty());
    }

    /** Inside the guest's network namespace {@code namespace} (made by an earlier guest command). */
    static Endpoint guestNamespace(Vm vm, String namespace) {
        return new Guest(vm, Optional.of(PppdConfig.word("namespace", namespace)));
    }

    /** Inside the host network namespace {@code namespace}; background output goes to files under {@code work}. */
    static Endpoint namespace(String namespace, Path work) {
        return new Namespace(namespace, work);
    }

    /** The guest, or one of its namespaces. */
    record Guest(Vm vm, Optional<String> namespace) implements Endpoint {

        @Override
        public String name() {
            return namespace.map(ns -> "guest netns " + ns).orElse("guest");
        }

        @Override
        public CommandResult run(String script, Duration timeout) {
            return vm.exec(wrap(script), timeout);
        }

        @Override
        public Running start(String script) {
            GuestJob job = vm.spawn(wrap(script));
            return job::await;
        }

        private String wrap(String script) {
            return namespace
                    .map(ns -> "exec ip netns exec " + ns + " bash -c " + singleQuoted(script))
                    .orElse(script);
        }
    }

    /** A host network namespace. */
    record Namespace(String namespace, Path work) implements Endpoint {

        @Override
        public String name() {
            return "netns " + namespace;
        }

        @Override
        public CommandResult run(String script, Duration timeout) {
            return HostCommand.run(timeout, "ip", "netns", "exec", namespace, "bash", "-c", script);
        }

        @Override
        public Running start(String script) {
            try {
                Files.createDirectories(work);
                Path output = Files.createTempFile(work, "background-", ".out");
                Process process = new ProcessBuilder("ip", "netns", "exec", namespace, "bash", "-c", script)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(
                                Path.of("/dev/null").toFile()))
                        .start();
                return timeout -> awaitProcess(script, process, output, timeout);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start `" + script + "` in namespace " + namespace, e);
            }
        }

        private static CommandResult awaitProcess(String script, Process process, Path output, Duration timeout) {
            try {
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    HostCommand.kill(process);
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                Files.deleteIfExists(output);
                return new CommandResult(script, finished ? process.exitValue() : CommandResult.TIMED_OUT, text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the output of `" + script + "`", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                HostCommand.kill(process);
                throw new IllegalStateException("interrupted while waiting for `" + script + "`", e);
            }
        }
    }

    private static String singleQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
