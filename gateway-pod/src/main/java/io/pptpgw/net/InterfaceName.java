package io.pptpgw.net;

import java.util.regex.Pattern;

/**
 * A Linux network interface name: 1 to 15 bytes (IFNAMSIZ is 16 including the NUL), letters, digits, '.', '_'
 * and '-', not starting with '-' (so {@code ip} cannot read it as an option) and not "." or "..". Stricter than
 * the kernel, which also allows most punctuation; nothing here can break out of a quoted nft string.
 */
public record InterfaceName(String name) implements NetValue {
    public static final int MAX_LENGTH = 15;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");

    public InterfaceName {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("interface name \"" + name + "\" is " + name.length()
                    + " characters; Linux allows at most " + MAX_LENGTH + " (IFNAMSIZ)");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "interface name \"" + name + "\" may contain only letters, digits, '.', '_' and '-'");
        }
        if (name.startsWith("-") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("interface name \"" + name + "\" may not start with '-' or be . or ..");
        }
    }

    public static InterfaceName of(String name) {
        return new InterfaceName(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
