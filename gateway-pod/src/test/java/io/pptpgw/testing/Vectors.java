package io.pptpgw.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named byte vectors from a test resource, in capture order. A line {@code ## name} starts a vector; the {@code #}
 * lines under it say where the bytes came from (the tcpdump or pppd trace); the hex lines that follow are its bytes
 * ({@link Hex#bytes}). Lines before the first vector describe the whole file.
 *
 * <pre>
 * ## pppd-lcp-configure-request
 * # 13:49:54.771549 IP 172.31.0.2 &gt; 172.31.0.1: GREv1, call 17195, seq 1, length 40
 * #   LCP, Conf-Request (0x01), id 1, length 26
 * 3001 880b 001c 432b 0000 0001 ff03 c021 0101 0018 ...
 * </pre>
 */
public final class Vectors {

    /** One vector: its name and bytes. */
    public record Vector(String name, byte[] bytes) {}

    private final String resource;
    private final Map<String, Vector> byName;

    private Vectors(String resource, Map<String, Vector> byName) {
        this.resource = resource;
        this.byName = byName;
    }

    /** Reads {@code resource} from the test class path, e.g. {@code "/vectors/ppp/pppd-2.4.9-client.hex"}. */
    public static Vectors load(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static Vectors parse(String resource, String text) {
        Map<String, Vector> vectors = new LinkedHashMap<>();
        String name = null;
        StringBuilder hex = new StringBuilder();
        for (String line : (text + "\n## end").lines().toList()) {
            if (!line.startsWith("## ")) {
                hex.append(line).append('\n');
                continue;
            }
            if (name != null && vectors.put(name, new Vector(name, Hex.bytes(hex.toString()))) != null) {
                throw new IllegalArgumentException(resource + " has two vectors named " + name);
            }
            name = line.substring(3).strip();
            hex.setLength(0);
        }
        return new Vectors(resource, vectors);
    }

    /** The bytes of the vector {@code name}. */
    public byte[] bytes(String name) {
        Vector vector = byName.get(name);
        if (vector == null) {
            throw new IllegalArgumentException(
                    resource + " has no vector named '" + name + "'; it has " + byName.keySet());
        }
        return vector.bytes().clone();
    }

    /** Every vector, in the order of the file. */
    public List<Vector> all() {
        return new ArrayList<>(byName.values());
    }
}
