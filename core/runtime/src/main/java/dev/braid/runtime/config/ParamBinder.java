package dev.braid.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.braid.api.component.Param;
import dev.braid.api.component.ParamGroup;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds the parameters of one component from configuration into its typed configuration record: applies the
 * {@link Param} defaults, converts each value to the component's declared type, checks min/max and rejects unknown
 * keys, and reports every problem with its path ({@code variants[2].fusion.weights.image: expected a number}). The
 * parameters of a {@link ParamGroup} component are read from the same keys as the record's own.
 */
public final class ParamBinder {
    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ParamBinder() {
    }

    /**
     * Builds the configuration record.
     *
     * @param params  the component's parameters (an object node; {@code null} = none given)
     * @param path    the path of {@code params} in the configuration, for messages
     * @param ignored keys in {@code params} that are not parameters (e.g. {@code name})
     * @throws ConfigException listing every problem
     */
    public static <R extends Record> R bind(Class<R> type, JsonNode params, String path, Set<String> ignored) {
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        collectKeys(type, known);
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new ConfigException("", path, "expected a map of parameters, got " + kind(params));
        }
        if (params != null && params.isObject()) {
            Iterator<String> names = params.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!known.contains(key) && !ignored.contains(key)) {
                    problems.add(new ConfigProblem(join(path, key), "unknown parameter; accepted: "
                            + (known.isEmpty() ? "none" : String.join(", ", known))));
                }
            }
        }
        R bound = build(type, params, path, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException("", problems);
        }
        return bound;
    }

    /** Adds the keys of a record's parameters, those of its {@link ParamGroup}s included. */
    private static void collectKeys(Class<? extends Record> type, Set<String> known) {
        for (RecordComponent rc : type.getRecordComponents()) {
            if (rc.isAnnotationPresent(ParamGroup.class)) {
                collectKeys(groupType(type, rc), known);
            } else if (!known.add(rc.getName())) {
                throw new IllegalStateException(type.getName() + "." + rc.getName()
                        + " repeats a parameter of an enclosing configuration or of another group");
            }
        }
    }

    /** The record type of a {@link ParamGroup} component. */
    @SuppressWarnings("unchecked")
    static Class<? extends Record> groupType(Class<?> owner, RecordComponent rc) {
        if (!rc.getType().isRecord()) {
            throw new IllegalStateException("@ParamGroup " + owner.getName() + "." + rc.getName()
                    + " must be a record, is " + rc.getType().getName());
        }
        return (Class<? extends Record>) rc.getType();
    }

    /**
     * Builds one record from the parameters at {@code path}; a {@link ParamGroup} component is built from the same
     * parameters. Adds every problem to {@code problems} and returns null when there was one.
     */
    private static <R extends Record> R build(Class<R> type, JsonNode params, String path,
                                              List<ConfigProblem> problems) {
        int before = problems.size();
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            if (rc.isAnnotationPresent(ParamGroup.class)) {
                values[i] = build(groupType(type, rc), params, path, problems);
                continue;
            }
            String p = join(path, rc.getName());
            Param param = rc.getAnnotation(Param.class);
            JsonNode value = params == null ? null : params.get(rc.getName());
            if (value == null || value.isNull()) {
                if (param == null || Param.REQUIRED.equals(param.defaultValue())) {
                    problems.add(new ConfigProblem(p, "missing required parameter ("
                            + ParamInfo.typeName(rc.getGenericType()) + ")"
                            + (param == null ? "" : ": " + param.description())));
                    continue;
                }
                try {
                    value = MAPPER.readTree(param.defaultValue());
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("the default of " + type.getName() + "." + rc.getName()
                            + " is not valid YAML: " + param.defaultValue(), e);
                }
                if (value == null || value.isMissingNode()) {
                    value = MAPPER.getNodeFactory().textNode(param.defaultValue());
                }
            }
            values[i] = convert(value, rc, p, problems);
            if (values[i] instanceof Number n && param != null) {
                double d = n.doubleValue();
                if (d < param.min() || d > param.max()) {
                    problems.add(new ConfigProblem(p, "must be in [" + fmt(param.min()) + ", " + fmt(param.max())
                            + "], got " + value.asText()));
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(
                    java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            problems.add(new ConfigProblem(path, cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName() + ": " + e, e);
        }
    }

    private static Object convert(JsonNode value, RecordComponent rc, String path, List<ConfigProblem> problems) {
        JavaType target = MAPPER.getTypeFactory().constructType(rc.getGenericType());
        String expected = expectation(target);
        if (expected != null && !matches(value, target)) {
            problems.add(new ConfigProblem(path, "expected " + expected + ", got " + kind(value)));
            return null;
        }
        try {
            return MAPPER.convertValue(value, target);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(pathOf(path, e), messageOf(e, target)));
            return null;
        }
    }

    /** What a scalar target type accepts, or null for structured types (checked by Jackson). */
    private static String expectation(JavaType t) {
        Class<?> c = t.getRawClass();
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return "an integer";
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return "a number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "true or false";
        }
        if (c == String.class) {
            return "a string";
        }
        if (t.isCollectionLikeType() || t.isArrayType()) {
            return "a list";
        }
        if (t.isMapLikeType()) {
            return "a map";
        }
        return null;
    }

    private static boolean matches(JsonNode v, JavaType t) {
        Class<?> c = t.getRawClass();
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return v.isIntegralNumber() || (v.isTextual() && v.asText().matches("-?\\d+"));
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return v.isNumber() || (v.isTextual() && v.asText().matches("-?\\d+(\\.\\d*)?([eE][-+]?\\d+)?"));
        }
        if (c == boolean.class || c == Boolean.class) {
            return v.isBoolean() || (v.isTextual() && v.asText().matches("true|false"));
        }
        if (c == String.class) {
            return v.isValueNode();
        }
        if (t.isCollectionLikeType() || t.isArrayType()) {
            return v.isArray();
        }
        if (t.isMapLikeType()) {
            return v.isObject();
        }
        return true;
    }

    /** Extends the path with the location Jackson reports inside a structured value. */
    private static String pathOf(String base, IllegalArgumentException e) {
        if (e.getCause() instanceof MismatchedInputException m) {
            StringBuilder p = new StringBuilder(base);
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    p.append('.').append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    p.append('[').append(ref.getIndex()).append(']');
                }
            }
            return p.toString();
        }
        return base;
    }

    private static String messageOf(IllegalArgumentException e, JavaType target) {
        if (e.getCause() instanceof InvalidFormatException f) {
            String t = f.getTargetType() == null ? "value" : f.getTargetType().getSimpleName();
            return switch (t) {
                case "Double", "double", "Float", "float" -> "expected a number, got '" + f.getValue() + "'";
                case "Integer", "int", "Long", "long" -> "expected an integer, got '" + f.getValue() + "'";
                case "Boolean", "boolean" -> "expected true or false, got '" + f.getValue() + "'";
                default -> "invalid " + t + " '" + f.getValue() + "'";
            };
        }
        if (e.getCause() instanceof MismatchedInputException m) {
            String t = m.getTargetType() == null ? ParamInfo.typeName(target) : m.getTargetType().getSimpleName();
            return "cannot read as " + t + ": " + m.getOriginalMessage().replaceAll("\\s*\\(.*", "");
        }
        return "cannot read as " + ParamInfo.typeName(target) + ": " + e.getMessage();
    }

    static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "a map";
        }
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** An empty parameter node, for components given without parameters. */
    public static ObjectNode empty() {
        return MAPPER.createObjectNode();
    }

    /** The shared YAML mapper (for reading configuration files). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
