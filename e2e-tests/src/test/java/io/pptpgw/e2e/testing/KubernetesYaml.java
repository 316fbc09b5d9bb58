package io.pptpgw.e2e.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Multi-document Kubernetes YAML, parsed strictly: every document must become its typed Fabric8 class (not a
 * {@link GenericKubernetesResource}) and carry no field that class does not know.
 */
public final class KubernetesYaml {
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \t]*$");

    private KubernetesYaml() {}

    /** The documents of {@code yaml} that hold more than comments. */
    public static List<String> documents(String yaml) {
        List<String> documents = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            boolean hasContent =
                    document.lines().map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
            if (hasContent) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** Every document as its typed class; fails naming the document when one is untyped or has unknown fields. */
    public static List<HasMetadata> parseTyped(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : documents(yaml)) {
            objects.add(parseTyped(document, HasMetadata.class));
        }
        return objects;
    }

    /** One document as {@code type}; fails when it is untyped or has unknown fields. */
    public static <T extends HasMetadata> T parseTyped(String document, Class<T> type) {
        Object parsed = Serialization.unmarshal(document);
        if (!type.isInstance(parsed) || parsed instanceof GenericKubernetesResource) {
            throw new AssertionError("not a typed " + type.getSimpleName() + " but "
                    + (parsed == null ? "nothing" : parsed.getClass().getName()) + ":\n" + document);
        }
        T object = type.cast(parsed);
        List<String> unknown = UnknownFields.in(object);
        if (!unknown.isEmpty()) {
            throw new AssertionError(object.getKind() + " "
                    + object.getMetadata().getName() + " has fields its type does not know: " + unknown);
        }
        return object;
    }

    /** One document kept whole, every field included, for the API server to judge. */
    public static GenericKubernetesResource parseGeneric(String document) {
        return Serialization.unmarshal(document, GenericKubernetesResource.class);
    }
}
