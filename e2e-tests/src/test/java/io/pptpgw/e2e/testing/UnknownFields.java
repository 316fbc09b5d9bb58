package io.pptpgw.e2e.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields a Fabric8 model object did not know. Fabric8 never rejects an unknown field: it keeps it in the
 * object's {@code additionalProperties}. Walking the typed object graph and collecting every non-empty one is how a
 * misspelt or misplaced field ({@code securityContext} one level too deep, {@code readOnlyRootFileSystem}) shows.
 */
public final class UnknownFields {
    private static final int MAX_DEPTH = 40;

    private UnknownFields() {}

    /** The paths and names of unknown fields in {@code model}, e.g. {@code spec.template.spec: [hostnetwork]}. */
    public static List<String> in(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found, 0);
        return found;
    }

    private static void walk(Object value, String path, List<String> found, int depth) {
        if (value == null || depth > MAX_DEPTH || isLeaf(value)) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found, depth + 1));
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found, depth + 1);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (isProperty(getter)) {
                Object property = invoke(getter, value);
                String name = propertyName(getter);
                if (name.equals("additionalProperties")) {
                    if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        found.add((path.isEmpty() ? "." : path) + ": " + extra.keySet());
                    }
                } else {
                    walk(property, path + "." + name, found, depth + 1);
                }
            }
        }
    }

    private static boolean isLeaf(Object value) {
        return value instanceof CharSequence
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Enum<?>
                || value.getClass().isPrimitive();
    }

    private static boolean isProperty(Method method) {
        String name = method.getName();
        return method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers())
                && method.getReturnType() != void.class
                && !name.equals("getClass")
                && ((name.startsWith("get") && name.length() > 3) || (name.startsWith("is") && name.length() > 2));
    }

    private static String propertyName(Method getter) {
        String name = getter.getName();
        String bare = name.startsWith("get") ? name.substring(3) : name.substring(2);
        return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
