package io.pptpgw.sys;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for one test class, named {@code sysgre<pid>-<suffix>} so parallel runs never collide, created
 * with iproute2 and deleted (with everything in them) on {@link #close()}. Everything is configured with {@code ip -n}
 * or {@code ip netns exec}, so the test JVM's own namespace is never touched.
 */
public final class TestNamespaces implements AutoCloseable {
    private final String prefix = "sysgre" + ProcessHandle.current().pid();
    private final List<String> created = new ArrayList<>();

    /** Skips the calling test class unless it runs as root with iproute2 (namespaces need CAP_SYS_ADMIN). */
    public static TestNamespaces requireRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create network namespaces");
        assumeTrue(
                new java.io.File("/usr/sbin/ip").canExecute() || new java.io.File("/sbin/ip").canExecute(),
                "needs iproute2");
        return new TestNamespaces();
    }

    /** Creates a namespace with loopback up and returns its full name. */
    public String create(String suffix) {
        String name = prefix + "-" + suffix;
        run("ip", "netns", "add", name);
        created.add(name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** A short name for interfaces (IFNAMSIZ), unique to this run. */
    public String interfaceName(String suffix) {
        String name = "sg" + ProcessHandle.current().pid() + suffix;
        if (name.length() > 15) {
            throw new IllegalStateException("interface name " + name + " exceeds IFNAMSIZ");
        }
        return name;
    }

    /** Runs {@code command} inside {@code namespace} and returns its output; fails the test on a non-zero exit. */
    public static String exec(String namespace, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    public static String run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 30 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(
                        String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        for (String name : created.reversed()) {
            try {
                run("ip", "netns", "del", name);
            } catch (AssertionError e) {
                System.err.println("could not delete network namespace " + name + ": " + e.getMessage());
            }
        }
        created.clear();
    }
}
