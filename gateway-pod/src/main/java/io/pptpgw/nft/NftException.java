package io.pptpgw.nft;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nft} refused a command. The message is nft's first error line, and for scripts the offending script line,
 * so a log line says exactly what was wrong.
 */
public final class NftException extends RuntimeException {
    private static final Pattern STDIN_LOCATION = Pattern.compile("/dev/stdin:(\\d+):");

    private final List<String> argv;
    private final int exitCode;
    private final String stderr;

    public NftException(List<String> argv, int exitCode, String stderr, String script) {
        super(message(argv, exitCode, stderr, script));
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    private static String message(List<String> argv, int exitCode, String stderr, String script) {
        String first = stderr.lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElse("(no message)")
                .strip();
        StringBuilder message = new StringBuilder(String.join(" ", argv))
                .append(" failed with exit code ")
                .append(exitCode)
                .append(": ")
                .append(first);
        Matcher location = STDIN_LOCATION.matcher(stderr);
        if (script != null && location.find()) {
            int line = Integer.parseInt(location.group(1));
            List<String> lines = script.lines().toList();
            if (line >= 1 && line <= lines.size()) {
                message.append(" (script line ")
                        .append(line)
                        .append(": ")
                        .append(lines.get(line - 1).strip())
                        .append(')');
            }
        }
        return message.toString();
    }

    public List<String> argv() {
        return argv;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }

    /*
     * nft never calls setlocale(), so its errors are the C locale's English strings whatever the environment says;
     * matching the errno text is therefore reliable (the same reasoning as knftables' error.go).
     */

    /** The table, chain, set or object does not exist (ENOENT). */
    public boolean isNotFound() {
        return stderr.contains("No such file or directory");
    }

    /** The object already exists (EEXIST). */
    public boolean isAlreadyExists() {
        return stderr.contains("File exists");
    }
}
