package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, path-aware access to one JSON object of a request body. Every accessor either returns a
 * value of the expected type or throws an {@link IngestException} that names the field by its JSON
 * path, so normalisers never have to hand-build error messages.
 *
 * <p>Conventions shared by all inputs: an explicit JSON {@code null} counts as absent; a present
 * value of the wrong JSON type is {@link ErrorCode#INVALID_TYPE}; unknown properties are ignored.
 */
public final class JsonFields {
    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Wraps the request body, which must be a JSON object. */
    public static JsonFields root(JsonNode body) {
        return of(body, JsonPaths.ROOT);
    }

    /** Wraps {@code node}, found at {@code path}, which must be a JSON object. */
    public static JsonFields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IngestException(
                    ErrorCode.INVALID_TYPE,
                    path,
                    path + " must be a JSON object, got " + typeName(node));
        }
        return new JsonFields(node, path);
    }

    /** The JSON path of this object. */
    public String path() {
        return path;
    }

    /** The JSON path of property {@code name} of this object. */
    public String path(String name) {
        return JsonPaths.child(path, name);
    }

    /** The property, or empty when it is absent or JSON {@code null}. */
    public Optional<JsonNode> optional(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** The property, which must be present and not {@code null}. */
    public JsonNode required(String name) {
        return optional(name)
                .orElseThrow(
                        () ->
                                new IngestException(
                                        ErrorCode.MISSING_FIELD,
                                        path(name),
                                        path(name) + " is required"));
    }

    /** A string property, or empty when absent or {@code null}. */
    public Optional<String> optionalText(String name) {
        return optional(name).map(value -> textOf(value, name));
    }

    /** A string property that must be present and not blank. */
    public String requiredText(String name) {
        String value = textOf(required(name), name);
        if (value.isBlank()) {
            throw new IngestException(
                    ErrorCode.INVALID_VALUE, path(name), path(name) + " must not be blank");
        }
        return value;
    }

    /** An object property, or empty when absent or {@code null}. */
    public Optional<JsonFields> optionalObject(String name) {
        return optional(name).map(value -> of(value, path(name)));
    }

    /** An object property that must be present. */
    public JsonFields requiredObject(String name) {
        return of(required(name), path(name));
    }

    /** An array property that must be present. */
    public JsonNode requiredArray(String name) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw new IngestException(
                    ErrorCode.INVALID_TYPE,
                    path(name),
                    path(name) + " must be a JSON array, got " + typeName(value));
        }
        return value;
    }

    /**
     * This object as a string-to-string map, in document order. Every value must be a JSON string
     * (label and annotation values are strings in every source we accept); the error names the key.
     */
    public Map<String, String> asStringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields()
                .forEachRemaining(
                        entry -> out.put(entry.getKey(), textOf(entry.getValue(), entry.getKey())));
        return out;
    }

    /** The wrapped JSON object. */
    public JsonNode node() {
        return node;
    }

    /**
     * A property that may be a string, number or boolean, as text (numbers in their JSON spelling);
     * empty when absent or {@code null}; objects and arrays are {@link ErrorCode#INVALID_TYPE}.
     */
    public Optional<String> optionalScalar(String name) {
        return optional(name)
                .map(
                        value -> {
                            if (value.isValueNode()) {
                                return value.asText();
                            }
                            throw new IngestException(
                                    ErrorCode.INVALID_TYPE,
                                    path(name),
                                    path(name)
                                            + " must be a string, number or boolean, got "
                                            + typeName(value));
                        });
    }

    /** An array property, or empty when absent or {@code null}. */
    public Optional<JsonNode> optionalArray(String name) {
        return optional(name)
                .map(
                        value -> {
                            if (!value.isArray()) {
                                throw new IngestException(
                                        ErrorCode.INVALID_TYPE,
                                        path(name),
                                        path(name)
                                                + " must be a JSON array, got "
                                                + typeName(value));
                            }
                            return value;
                        });
    }

    /**
     * This object flattened to strings for labels and attributes: strings as they are, numbers and
     * booleans in their JSON spelling, nested objects and arrays as compact JSON text; nulls
     * dropped. Used where a source allows free-form details (PagerDuty {@code custom_details},
     * Opsgenie {@code details}, structured log fields), so nothing the sender gave is lost.
     */
    public Map<String, String> asFlatMap() {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields()
                .forEachRemaining(
                        entry -> {
                            String value = flat(entry.getValue());
                            if (value != null) {
                                out.put(entry.getKey(), value);
                            }
                        });
        return out;
    }

    /** A node as label text (see {@link #asFlatMap}), or {@code null} for JSON null. */
    public static String flat(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /**
     * Like {@link #text} but builds the path of property {@code name} only when failing (hot path).
     */
    private String textOf(JsonNode value, String name) {
        if (value != null && value.isTextual()) {
            return value.textValue();
        }
        return text(value, path(name));
    }

    private static String text(JsonNode value, String path) {
        if (value == null || !value.isTextual()) {
            throw new IngestException(
                    ErrorCode.INVALID_TYPE,
                    path,
                    path + " must be a JSON string, got " + typeName(value));
        }
        return value.textValue();
    }

    /** A client-friendly name of a node's JSON type, for error messages. */
    static String typeName(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        switch (value.getNodeType()) {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "an array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
