package dev.incidentintel.metricsapi.http;

/**
 * JSON body of every error answer: {@code error} is a stable code, {@code message} a human
 * explanation without internals, {@code field} the request parameter at fault or {@code null}.
 */
public record ErrorResponse(String error, String message, String field) {}
