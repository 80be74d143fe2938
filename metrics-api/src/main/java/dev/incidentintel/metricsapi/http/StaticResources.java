package dev.incidentintel.metricsapi.http;

import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves small classpath files (the OpenAPI document, the feed page), read once at startup. */
final class StaticResources {
    private StaticResources() {}

    static Handler json(String resource) {
        byte[] body = load(resource);
        return ctx -> ctx.contentType("application/json").result(body);
    }

    static Handler html(String resource) {
        byte[] body = load(resource);
        return ctx -> ctx.contentType("text/html; charset=utf-8").result(body);
    }

    static byte[] load(String resource) {
        try (InputStream in =
                StaticResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource missing: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
