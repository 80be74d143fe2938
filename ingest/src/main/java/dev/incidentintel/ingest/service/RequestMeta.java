package dev.incidentintel.ingest.service;

/**
 * What the HTTP adapter passes along besides the body, already extracted from headers and the URL
 * so the service needs no web types: the bearer token (null when absent), the body signature header
 * of a signed webhook (GitHub's {@code X-Hub-Signature-256} or PagerDuty's {@code
 * X-PagerDuty-Signature}; null when absent), the generic integration name from the path, the {@code
 * service} query parameter of the logs endpoint, and whether the body is {@code text/plain}.
 */
public record RequestMeta(
        String bearerToken,
        String signature,
        String integration,
        String service,
        boolean plainText) {
    /** No credentials, no parameters. */
    public static RequestMeta none() {
        return new RequestMeta(null, null, null, null, false);
    }

    /** Only a bearer token. */
    public static RequestMeta bearer(String token) {
        return new RequestMeta(token, null, null, null, false);
    }
}
