package io.pptpgw.interop;

import java.util.Objects;
import java.util.regex.Pattern;

/** Shell snippets that write pppd and pptpd configuration in the guest, from values checked to be plain words. */
final class PppdConfig {

    /** The directory of the host share inside the guest: logs written here survive a hung guest. */
    static final String SHARE = "/mnt/host";

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._@+:-]{1,64}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String END = "PPTPGW_END_OF_FILE";

    private PppdConfig() {}

    /**
     * A user name, password, peer or server name: pppd's option and secrets files split on white space and treat
     * quotes, backslashes and '#' specially, so the scenarios allow only plain words.
     */
    static String word(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' must be 1-64 characters of letters, digits and ._@+:- (pppd's files split on anything else)");
        }
        return value;
    }

    static String ipv4(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!IPV4.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + value + "' is not an IPv4 address");
        }
        return value;
    }

    /** Writes {@code content} to {@code path} verbatim (a quoted here-document expands nothing). */
    static String writeFile(String path, String content) {
        if (content.contains(END)) {
            throw new IllegalArgumentException(
                    "file content for " + path + " contains the here-document marker " + END);
        }
        return "cat >" + path + " <<'" + END + "'\n" + content + (content.endsWith("\n") ? "" : "\n") + END + "\n";
    }

    /**
     * Sets the secret of one (client, server) pair in a chap-secrets file, replacing an earlier line of that pair,
     * so a scenario started twice never authenticates with a stale password.
     */
    static String setSecret(String path, String client, String server, String secret) {
        String key = "\"" + client + "\" \"" + server + "\" ";
        return "touch " + path + "\nchmod 600 " + path + "\nsed -i '/^" + key.replace(".", "\\.") + "/d' " + path
                + "\necho '" + key + "\"" + secret + "\" *' >>" + path + "\n";
    }

    /** The kernel side of PPP that pppd needs; there is no udev in the guest to load it on demand. */
    static String loadPppModules() {
        return "modprobe -a ppp_generic ppp_async ppp_synctty ppp_mppe\n";
    }
}
