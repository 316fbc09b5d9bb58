package io.pptpgw.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.api.v1alpha1.PptpGatewaySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a gateway's configuration from the PptpGateway YAML, the very file {@code kubectl apply} takes:
 * standalone ({@link #load(Path)}: the node serves the whole {@code spec.clientPool.cidr}), or in a pod from the
 * operator's ConfigMap ({@link #load(Path, Path, String)}: {@code gateway.yaml} plus {@code node-pools.yaml},
 * with the node from the {@code NODE_NAME} environment variable). Kubernetes-only fields are read but unused.
 */
public final class GatewayConfigLoader {
    public static final String NODE_NAME_ENV = "NODE_NAME";
    public static final String GATEWAY_KEY = "gateway.yaml";
    public static final String NODE_POOLS_KEY = "node-pools.yaml";
    private static final String DEFAULT_RESOURCE = "default-gateway.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "spec", "status");

    private GatewayConfigLoader() {}

    /** Standalone: the gateway serves the whole client pool. */
    public static GatewayConfig load(Path gatewayYaml) {
        return parse(read(gatewayYaml), gatewayYaml.toString());
    }

    /** In a pod: the pool is {@code nodeName}'s entry of {@code nodePoolsYaml}. */
    public static GatewayConfig load(Path gatewayYaml, Path nodePoolsYaml, String nodeName) {
        return parse(read(gatewayYaml), gatewayYaml.toString(), read(nodePoolsYaml), nodeName);
    }

    public static GatewayConfig parse(String gatewayYaml, String source) {
        return ResourceMapper.map(resource(gatewayYaml, source), source, null, null);
    }

    public static GatewayConfig parse(String gatewayYaml, String source, String nodePoolsYaml, String nodeName) {
        NodePools pools = NodePools.parse(nodePoolsYaml, NODE_POOLS_KEY);
        return ResourceMapper.map(resource(gatewayYaml, source), source, pools, nodeName);
    }

    /**
     * What {@code pptpgw gateway} runs with no arguments: listen on 1723, pool 10.250.0.0/24, MS-CHAPv2 only, MPPE
     * required, masquerade on.
     */
    public static GatewayConfig embeddedDefault() {
        return parse(embeddedDefaultYaml(), "the embedded default configuration");
    }

    public static String embeddedDefaultYaml() {
        try (InputStream in = GatewayConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the gateway's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigException(file.toString(), List.of("cannot read " + file + ": " + e));
        }
    }

    static JsonNode readTree(String yaml, String source) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new InvalidConfigException(source, List.of(source + " is empty"));
            }
            return tree;
        } catch (IOException e) {
            throw new InvalidConfigException(
                    source, List.of(source + " is not valid YAML: " + firstLine(e.getMessage())));
        }
    }

    /** Checks the document's shape (kind, known fields), then deserialises it with Fabric8 as kubectl's would be. */
    private static PptpGateway resource(String yaml, String source) {
        JsonNode tree = readTree(yaml, source);
        List<String> problems = new ArrayList<>();
        String apiVersion = PptpGateway.GROUP + "/" + PptpGateway.VERSION;
        if (!apiVersion.equals(tree.path("apiVersion").asText())
                || !"PptpGateway".equals(tree.path("kind").asText())) {
            problems.add("apiVersion/kind " + tree.path("apiVersion").asText("(none)") + "/"
                    + tree.path("kind").asText("(none)") + " must be " + apiVersion + "/PptpGateway");
        }
        tree.fieldNames().forEachRemaining(field -> {
            if (!TOP_LEVEL.contains(field)) {
                problems.add(field + " is not a field of a PptpGateway (known: " + String.join(", ", TOP_LEVEL) + ")");
            }
        });
        unknownFields(tree.path("spec"), PptpGatewaySpec.class, "spec", problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(source, problems);
        }
        try {
            return Serialization.unmarshal(yaml, PptpGateway.class);
        } catch (RuntimeException e) {
            throw new InvalidConfigException(source, List.of(describe(e)));
        }
    }

    /** A typo such as {@code wan:} for {@code wans:} would otherwise be ignored silently; name it instead. */
    private static void unknownFields(JsonNode node, Type type, String path, List<String> problems) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unknownFields(node.get(i), list.getActualTypeArguments()[0], path + "[" + i + "]", problems);
            }
        }
        if (!(type instanceof Class<?> record) || !record.isRecord() || !node.isObject()) {
            return;
        }
        RecordComponent[] components = record.getRecordComponents();
        List<String> known =
                Arrays.stream(components).map(GatewayConfigLoader::jsonName).toList();
        node.fieldNames().forEachRemaining(field -> {
            int index = known.indexOf(field);
            if (index < 0) {
                problems.add(path + "." + field + " is not a field of " + path + " (known: "
                        + known.stream().collect(Collectors.joining(", ")) + ")");
            } else {
                unknownFields(node.get(field), components[index].getGenericType(), path + "." + field, problems);
            }
        });
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property == null ? component.getName() : property.value();
    }

    /** Jackson's complaint, rephrased as "path value rule". */
    private static String describe(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping) {
                String path = mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining())
                        .replaceFirst("^\\.", "");
                if (mapping instanceof InvalidFormatException format
                        && format.getTargetType().isEnum()) {
                    return path + " \"" + format.getValue() + "\" is not one of "
                            + Arrays.toString(format.getTargetType().getEnumConstants());
                }
                return path + ": " + firstLine(mapping.getOriginalMessage());
            }
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
