package io.pptpgw.ppp.auth.credentials;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Parses users in the Secret's shape, pure and without I/O: a YAML map of {@code user: secret}, or the entries of
 * a Secret mounted as a directory (file name = user, content = secret). A secret is a password or {@code
 * nthash:<32 hex>}. Every problem names its entry and the rule; no message ever contains a secret.
 */
public final class UsersFile {
    /** RFC 2759 §4 allows user names of up to 256 characters. */
    public static final int MAX_USER_NAME_LENGTH = 256;

    private static final YAMLFactory YAML = new YAMLFactory();

    private UsersFile() {}

    /** The users read, or the problems that make the whole input unusable (never half-applied). */
    public record Parsed(Map<String, Credential> users, List<String> problems) {
        public Parsed {
            users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
            problems = List.copyOf(problems);
        }

        public boolean isValid() {
            return problems.isEmpty();
        }
    }

    public static Parsed parseYaml(String text) {
        Builder builder = new Builder();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return builder.build();
            }
            if (first != JsonToken.START_OBJECT) {
                builder.problem("a users file is a map of user: secret, not " + describe(first));
                return builder.build();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                readEntry(parser, builder);
            }
        } catch (JsonProcessingException e) {
            // Only the location: Jackson's message may quote the text around it, which may be a secret.
            builder.problem(
                    "the users file is not valid YAML (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            builder.problem("the users file could not be read as YAML");
        }
        return builder.build();
    }

    private static void readEntry(JsonParser parser, Builder builder) throws IOException {
        String user = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_NULL) {
            builder.problem(entry(user) + " has no secret");
        } else if (value.isScalarValue()) {
            builder.add(user, parser.getText());
        } else {
            builder.problem(entry(user) + " is a " + describe(value) + ", not a password or nthash:<32 hex>");
            parser.skipChildren();
        }
    }

    /**
     * The entries of a Secret volume, dot-entries such as {@code ..data} already left out. A trailing line break,
     * which {@code kubectl create secret --from-file} keeps, is not part of the secret.
     */
    public static Parsed parseEntries(SortedMap<String, String> entries) {
        Builder builder = new Builder();
        entries.forEach((user, content) -> builder.add(user, content.replaceFirst("(\r?\n)+\\z", "")));
        return builder.build();
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "map";
            case START_ARRAY -> "list";
            default -> "single value";
        };
    }

    /** How messages name an entry: quoted, with control characters replaced, since names come from the file. */
    static String entry(String user) {
        return "entry \"" + user.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    private static final class Builder {
        private final Map<String, Credential> users = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();

        void problem(String problem) {
            problems.add(problem);
        }

        void add(String user, String secret) {
            String nameProblem = userNameProblem(user);
            if (nameProblem != null) {
                problems.add(entry(user) + ": " + nameProblem);
                return;
            }
            if (users.containsKey(user)) {
                problems.add(entry(user) + " appears more than once");
                return;
            }
            try {
                users.put(user, Credential.parse(secret));
            } catch (IllegalArgumentException e) {
                problems.add(entry(user) + ": " + e.getMessage());
            }
        }

        Parsed build() {
            return problems.isEmpty() ? new Parsed(users, List.of()) : new Parsed(Map.of(), problems);
        }
    }

    private static String userNameProblem(String user) {
        if (user.isEmpty()) {
            return "a user name must not be empty";
        }
        if (user.length() > MAX_USER_NAME_LENGTH) {
            return "a user name has at most " + MAX_USER_NAME_LENGTH + " characters, this one " + user.length();
        }
        if (user.chars().anyMatch(Character::isISOControl)) {
            return "a user name must not contain control characters";
        }
        if (user.indexOf('\\') >= 0) {
            return "users are looked up without their DOMAIN\\ prefix (RFC 2759 §8.2); write the name alone";
        }
        return null;
    }
}
