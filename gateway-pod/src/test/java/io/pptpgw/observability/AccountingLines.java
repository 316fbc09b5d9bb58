package io.pptpgw.observability;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads an accounting line ({@code session ended key=value ...}, logfmt) back into its pairs. */
final class AccountingLines {
    private AccountingLines() {}

    /** The pairs after {@code session ended}, values unquoted and unescaped. */
    static Map<String, String> parse(String line) {
        int start = line.indexOf("session ended ");
        if (start < 0) {
            throw new IllegalArgumentException("not an accounting line: " + line);
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        String text = line.substring(start + "session ended ".length()).strip();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            String key = text.substring(i, equals);
            StringBuilder value = new StringBuilder();
            i = equals + 1;
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (text.charAt(i) != '"') {
                    char c = text.charAt(i++);
                    value.append(c == '\\' ? unescape(text.charAt(i++)) : c);
                }
                i++;
            } else {
                while (i < text.length() && text.charAt(i) != ' ') {
                    value.append(text.charAt(i++));
                }
            }
            pairs.put(key, value.toString());
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
        }
        return pairs;
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> c;
        };
    }
}
