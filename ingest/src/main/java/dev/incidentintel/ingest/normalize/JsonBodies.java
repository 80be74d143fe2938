package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.io.IOException;

/**
 * Parses request bodies into Jackson trees. Rejects empty bodies and trailing garbage after the
 * first JSON value (Jackson accepts both by default), and turns every parse failure into an {@link
 * ErrorCode#MALFORMED_JSON} naming the line and column but not echoing the input.
 */
public final class JsonBodies {
    // Jackson's default stream constraints (nesting depth, number and string length) stay on: they
    // bound the work a hostile body can cause.
    private static final ObjectReader READER =
            EventJson.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {}

    /** The parsed body; never {@code null}. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IngestException(
                    ErrorCode.MALFORMED_JSON, JsonPaths.ROOT, "request body is empty");
        }
        try {
            JsonNode tree = READER.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new IngestException(
                        ErrorCode.MALFORMED_JSON,
                        JsonPaths.ROOT,
                        "request body contains no JSON value");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw new IngestException(
                    ErrorCode.MALFORMED_JSON,
                    JsonPaths.ROOT,
                    "request body exceeds JSON limits: " + e.getOriginalMessage(),
                    e);
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null
                            ? ""
                            : " at line "
                                    + e.getLocation().getLineNr()
                                    + ", column "
                                    + e.getLocation().getColumnNr();
            throw new IngestException(
                    ErrorCode.MALFORMED_JSON,
                    JsonPaths.ROOT,
                    "request body is not valid JSON" + where,
                    e);
        } catch (IOException e) {
            // Reading from a byte array cannot fail with I/O; anything here is a parse problem too.
            throw new IngestException(
                    ErrorCode.MALFORMED_JSON, JsonPaths.ROOT, "request body is not valid JSON", e);
        }
    }
}
