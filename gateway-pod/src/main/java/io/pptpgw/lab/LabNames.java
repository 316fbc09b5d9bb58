package io.pptpgw.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a lab names its network namespaces. Every name fits IFNAMSIZ (15 characters).
 *
 * <ul>
 *   <li>{@link Owned}: {@code pgl<pid>-<n>}, e.g. {@code pgl4711-3}: the owning process's PID and a counter that
 *       is unique within that process. Torn down when the owner closes the lab or exits; if it is killed, the next
 *       lab built anywhere on the machine sees the dead PID and reaps them.
 *   <li>{@link Stable}: {@code <prefix>-<host>}, e.g. {@code pptpgw-node}: for a lab that outlives its process
 *       ({@code pptpgw lab up}), found again by name and removed explicitly. Never reaped.
 * </ul>
 */
public sealed interface LabNames {
    /** The prefix of owned names; a distinctive one, so the reaper never touches anybody else's namespaces. */
    String OWNED_PREFIX = "pgl";

    int MAX_NAME_LENGTH = 15;

    /** Names owned by this process. */
    static LabNames ownedByThisProcess() {
        return new Owned(ProcessHandle.current().pid());
    }

    /** Stable names with a prefix of 1 to 6 lowercase letters and digits, starting with a letter. */
    static LabNames stable(String prefix) {
        return new Stable(prefix);
    }

    /** The PID that owns a namespace name, or empty when the name is not an owned lab name. */
    static OptionalLong owner(String namespaceName) {
        Matcher matcher = Owned.PATTERN.matcher(namespaceName);
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** A namespace name for each host, in the hosts' order. Owned names are fresh on every call. */
    Map<String, String> assign(List<String> hosts);

    /** Whether the namespaces outlive this process (and are never torn down by its exit). */
    boolean persistent();

    /** {@code pgl<pid>-<n>}, n in base 36 from a counter shared by all labs of this process. */
    record Owned(long pid) implements LabNames {
        static final Pattern PATTERN = Pattern.compile(OWNED_PREFIX + "(\\d{1,10})-[0-9a-z]{1,5}");
        private static final AtomicLong COUNTER = new AtomicLong();

        public Owned {
            if (pid <= 0) {
                throw new IllegalArgumentException("owner PID " + pid + " is not a process id");
            }
        }

        @Override
        public Map<String, String> assign(List<String> hosts) {
            Map<String, String> names = new LinkedHashMap<>();
            for (String host : hosts) {
                String name = OWNED_PREFIX + pid + "-" + Long.toString(COUNTER.getAndIncrement(), 36);
                if (name.length() > MAX_NAME_LENGTH) {
                    throw new LabException("namespace name " + name + " for host " + host + " is longer than "
                            + MAX_NAME_LENGTH + " characters: this process has used up its lab names");
                }
                names.put(host, name);
            }
            return names;
        }

        @Override
        public boolean persistent() {
            return false;
        }
    }

    /** {@code <prefix>-<host>}. */
    record Stable(String prefix) implements LabNames {
        private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,5}");

        public Stable {
            if (!PREFIX.matcher(prefix).matches() || prefix.startsWith(OWNED_PREFIX)) {
                throw new IllegalArgumentException("lab name prefix '" + prefix + "' must match " + PREFIX
                        + " and not start with '" + OWNED_PREFIX + "' (reserved for owned labs)");
            }
        }

        @Override
        public Map<String, String> assign(List<String> hosts) {
            Map<String, String> names = new LinkedHashMap<>();
            hosts.forEach(host -> names.put(host, prefix + "-" + host));
            return names;
        }

        @Override
        public boolean persistent() {
            return true;
        }
    }
}
