package dev.incidentintel.metricsapi.http;

import dev.incidentintel.metricsapi.ApiException;
import io.javalin.http.Context;

/**
 * Typed query parameters: absent or blank gives the default; present but unparseable gives a 400
 * naming the parameter (through {@link ApiException}, the boundary's one error type).
 */
final class QueryParams {
    private QueryParams() {}

    static <T> T optional(
            Context ctx, String name, Class<T> type, T defaultValue, String expected) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return ctx.queryParamAsClass(name, type)
                .getOrThrow(
                        errors ->
                                ApiException.invalid(
                                        name,
                                        name + " must be " + expected + ", got '" + raw + "'"));
    }
}
