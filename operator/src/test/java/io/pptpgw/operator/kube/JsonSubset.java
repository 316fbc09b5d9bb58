package io.pptpgw.operator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * "The stored object is exactly what the operator rendered, plus the API server's defaults": every field of the
 * rendered object must be present and equal in the stored one; lists must have the same length.
 */
final class JsonSubset {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonSubset() {}

    /** The paths where {@code stored} lacks or contradicts {@code rendered}; empty when it holds all of it. */
    static List<String> differences(Object rendered, Object stored) {
        List<String> out = new ArrayList<>();
        compare("", MAPPER.valueToTree(rendered), MAPPER.valueToTree(stored), out);
        return out;
    }

    private static void compare(String path, JsonNode want, JsonNode have, List<String> out) {
        if (want.isObject()) {
            if (!have.isObject()) {
                out.add(path + ": expected an object, found " + have);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = have.get(field.getKey());
                if (other == null) {
                    out.add(path + "." + field.getKey() + ": missing");
                } else {
                    compare(path + "." + field.getKey(), field.getValue(), other, out);
                }
            }
        } else if (want.isArray()) {
            if (!have.isArray() || have.size() != want.size()) {
                out.add(path + ": expected " + want + ", found " + have);
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                compare(path + "[" + i + "]", want.get(i), have.get(i), out);
            }
        } else if (!want.equals(have) && !want.asText().equals(have.asText())) {
            out.add(path + ": expected " + want + ", found " + have);
        }
    }
}
