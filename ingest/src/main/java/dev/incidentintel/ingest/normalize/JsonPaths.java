package dev.incidentintel.ingest.normalize;

/**
 * Builds the JSON paths that error messages use to name a field: {@code alerts[1].startsAt}, or
 * {@code alerts[0].labels["app.kubernetes.io/name"]} when a key is not a plain identifier. The
 * whole body is {@link #ROOT}; its children are written without a {@code $.} prefix because that is
 * what clients read most easily.
 */
public final class JsonPaths {
    /** The path of the request body itself. */
    public static final String ROOT = "$";

    private JsonPaths() {}

    /** Path of property {@code name} inside the object at {@code parent}. */
    public static String child(String parent, String name) {
        if (isIdentifier(name)) {
            return ROOT.equals(parent) ? name : parent + "." + name;
        }
        return parent + "[" + quote(name) + "]";
    }

    /**
     * Same as matching {@code [A-Za-z_][A-Za-z0-9_]*}, without a regex: this runs for every field
     * read.
     */
    private static boolean isIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!(letter || (i > 0 && c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** Path of element {@code index} of the array at {@code parent}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    private static String quote(String name) {
        StringBuilder out = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                // Control characters would make the path unreadable in logs and JSON error bodies.
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
