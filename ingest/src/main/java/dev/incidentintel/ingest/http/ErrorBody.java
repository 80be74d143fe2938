package dev.incidentintel.ingest.http;

/**
 * JSON body of every error response: {@code {"error": code, "message": text, "field": path}}.
 * {@code field} is omitted when {@code null} (the shared mapper drops nulls).
 */
public record ErrorBody(String error, String message, String field) {}
