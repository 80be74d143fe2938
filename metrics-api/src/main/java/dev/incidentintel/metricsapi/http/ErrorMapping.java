package dev.incidentintel.metricsapi.http;

import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to an HTTP status and an {@link ErrorResponse}, in one place. {@link
 * ApiException} carries its own status; Javalin's routing errors (unknown path, wrong method) keep
 * theirs; anything else is a 500 whose details go to the log only.
 */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    /** Registers the exception handlers. */
    public static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, ErrorMapping::apiException);
        routes.exception(ValidationException.class, ErrorMapping::validation);
        routes.exception(HttpResponseException.class, ErrorMapping::httpResponse);
        routes.exception(Exception.class, ErrorMapping::unexpected);
    }

    private static void apiException(ApiException e, Context ctx) {
        ErrorCode code = e.errorCode();
        if (code.httpStatus() >= 500) {
            LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
        }
        ctx.status(code.httpStatus())
                .json(new ErrorResponse(code.code(), e.getMessage(), e.field()));
    }

    /**
     * Only reached if a controller lets a Javalin validator throw; controllers normally convert.
     */
    private static void validation(ValidationException e, Context ctx) {
        String field = e.getErrors().keySet().stream().findFirst().orElse(null);
        ErrorCode code = ErrorCode.INVALID_PARAMETER;
        ctx.status(code.httpStatus())
                .json(new ErrorResponse(code.code(), "invalid value for " + field, field));
    }

    private static void httpResponse(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String code =
                switch (status) {
                    case 404 -> ErrorCode.NOT_FOUND.code();
                    case 405 -> ErrorCode.METHOD_NOT_ALLOWED.code();
                    default -> status >= 500 ? ErrorCode.INTERNAL.code() : "http_" + status;
                };
        String message =
                status == 404
                        ? "no such endpoint: " + ctx.method() + " " + ctx.path()
                        : e.getMessage();
        ctx.status(status).json(new ErrorResponse(code, message, null));
    }

    private static void unexpected(Exception e, Context ctx) {
        LOG.error("{} {} failed unexpectedly", ctx.method(), ctx.path(), e);
        ErrorCode code = ErrorCode.INTERNAL;
        ctx.status(code.httpStatus())
                .json(new ErrorResponse(code.code(), "internal error; see the server log", null));
    }
}
