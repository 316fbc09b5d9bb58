package io.pptpgw.net;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes kernel parameters under {@code /proc/sys} through a {@link CommandRunner}, so the value is the
 * one of the runner's network namespace ({@code net.*} parameters are per namespace). Uses {@code cat} and
 * {@code tee}, present wherever a shell is.
 */
public final class Sysctl {
    public static final String IP_FORWARD = "net.ipv4.ip_forward";
    private static final Pattern KEY = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)+");

    private final CommandRunner runner;

    public Sysctl(CommandRunner runner) {
        this.runner = runner;
    }

    /** The parameter's value without the trailing newline, or empty when the parameter does not exist. */
    public Optional<String> read(String key) {
        CommandResult result = runner.run(List.of("cat", path(key)), "");
        return result.succeeded() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    public void write(String key, String value) {
        CommandResult result = runner.run(List.of("tee", path(key)), value + "\n");
        if (!result.succeeded()) {
            throw new CommandException("cannot set " + key + " to " + value + ": " + result.describeFailure());
        }
    }

    /** {@code net.ipv4.conf.<device>.<parameter>}, whose device part may itself contain dots. */
    public Optional<String> readInterface(InterfaceName device, String parameter) {
        CommandResult result = runner.run(List.of("cat", interfacePath(device, parameter)), "");
        return result.succeeded() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    public void writeInterface(InterfaceName device, String parameter, String value) {
        CommandResult result = runner.run(List.of("tee", interfacePath(device, parameter)), value + "\n");
        if (!result.succeeded()) {
            throw new CommandException("cannot set net.ipv4.conf." + device + "." + parameter + " to " + value + ": "
                    + result.describeFailure());
        }
    }

    static String interfacePath(InterfaceName device, String parameter) {
        if (parameter == null || !parameter.matches("[a-z_]+")) {
            throw new IllegalArgumentException("interface parameter \"" + parameter + "\" must look like rp_filter");
        }
        return "/proc/sys/net/ipv4/conf/" + device.name() + "/" + parameter;
    }

    static String path(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("sysctl key \"" + key + "\" must look like net.ipv4.ip_forward");
        }
        return "/proc/sys/" + key.replace('.', '/');
    }
}
