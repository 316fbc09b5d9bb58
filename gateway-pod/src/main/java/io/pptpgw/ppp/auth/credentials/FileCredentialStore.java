package io.pptpgw.ppp.auth.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The users of a YAML file or of a directory holding one file per user (a Kubernetes Secret mounted as a volume).
 * {@link #reloadIfChanged()}, which the caller schedules, compares a fingerprint of the content and swaps in the new
 * users atomically: a lookup sees either the old users or the new, and a session that already holds a credential
 * keeps it. Input with any malformed entry is rejected whole and the previous users stay.
 */
public final class FileCredentialStore implements CredentialStore {
    /** Users files are small; a larger one is a mistake, and we will not read it into memory. */
    public static final int MAX_FILE_SIZE = 4 << 20;

    private final Path path;
    private volatile Map<String, Credential> users;
    private String seenFingerprint;

    private FileCredentialStore(Path path, Map<String, Credential> users, String fingerprint) {
        this.path = path;
        this.users = users;
        this.seenFingerprint = fingerprint;
    }

    /**
     * @throws IOException if the file or directory cannot be read
     * @throws IllegalArgumentException listing every malformed entry
     */
    public static FileCredentialStore open(Path path) throws IOException {
        Content content = read(path);
        UsersFile.Parsed parsed = content.parse();
        if (!parsed.isValid()) {
            throw new IllegalArgumentException("users " + path + " rejected: " + String.join("; ", parsed.problems()));
        }
        return new FileCredentialStore(path, parsed.users(), content.fingerprint());
    }

    @Override
    public Optional<Credential> find(String user) {
        return Optional.ofNullable(users.get(user));
    }

    public int size() {
        return users.size();
    }

    public Path path() {
        return path;
    }

    /** What one reload check did; safe to log, it carries no secret. */
    public sealed interface ReloadOutcome {
        record Unchanged() implements ReloadOutcome {}

        record Reloaded(int users) implements ReloadOutcome {}

        /** The new content was not taken; the previous users stay until the content changes again. */
        record Rejected(List<String> problems) implements ReloadOutcome {}
    }

    /** Reads the content again and swaps in the users if it changed. Never throws; one caller thread at a time. */
    public synchronized ReloadOutcome reloadIfChanged() {
        Content content;
        try {
            content = read(path);
        } catch (IOException | RuntimeException e) {
            return new ReloadOutcome.Rejected(List.of("users " + path + " could not be read: " + e));
        }
        if (content.fingerprint().equals(seenFingerprint)) {
            return new ReloadOutcome.Unchanged();
        }
        seenFingerprint = content.fingerprint();
        UsersFile.Parsed parsed = content.parse();
        if (!parsed.isValid()) {
            return new ReloadOutcome.Rejected(parsed.problems());
        }
        users = parsed.users();
        return new ReloadOutcome.Reloaded(parsed.users().size());
    }

    /** The raw content: a YAML text, or the directory's entries. */
    private record Content(String yaml, SortedMap<String, String> entries, String fingerprint) {
        UsersFile.Parsed parse() {
            return yaml != null ? UsersFile.parseYaml(yaml) : UsersFile.parseEntries(entries);
        }
    }

    private static Content read(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            byte[] bytes = readCapped(path);
            return new Content(new String(bytes, StandardCharsets.UTF_8), null, fingerprint(Map.of("", bytes)));
        }
        SortedMap<String, byte[]> raw = new TreeMap<>();
        try (Stream<Path> listing = Files.list(path)) {
            for (Path entry : listing.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // ..data, ..2024_01_01_00_00_00.0000 and the like: the Secret volume's own links
                }
                if (!Files.isRegularFile(entry)) {
                    throw new IOException(UsersFile.entry(name) + " in " + path + " is not a regular file");
                }
                raw.put(name, readCapped(entry));
            }
        }
        SortedMap<String, String> entries = new TreeMap<>();
        raw.forEach((name, bytes) -> entries.put(name, new String(bytes, StandardCharsets.UTF_8)));
        return new Content(null, entries, fingerprint(raw));
    }

    private static byte[] readCapped(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_SIZE + 1);
            if (bytes.length > MAX_FILE_SIZE) {
                throw new IOException(file + " is larger than " + MAX_FILE_SIZE + " bytes");
            }
            return bytes;
        }
    }

    private static String fingerprint(Map<String, byte[]> entries) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(entries).forEach((name, bytes) -> {
                sha256.update(name.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha256.update((byte) 0);
                sha256.update(bytes);
            });
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
