package dev.incidentintel.correlation.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@link ServiceTopology} documents: YAML files (the job's {@code topology.file})
 * and JSON (the {@code topology.v1} topic). Both use the layout described on {@link
 * ServiceTopology}. A bad document is an {@link InvalidTopologyException} naming the problem.
 */
public final class TopologyDocuments {
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory())
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TopologyDocuments() {}

    /** Reads a YAML topology file. */
    public static ServiceTopology readYaml(Path file) {
        try {
            return YAML.readValue(Files.readAllBytes(file), ServiceTopology.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidTopologyException(
                    "cannot read topology file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a JSON topology document (one record of {@code topology.v1}). */
    public static ServiceTopology fromJson(byte[] json) {
        try {
            return JSON.readValue(json, ServiceTopology.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidTopologyException("invalid topology document: " + e.getMessage(), e);
        }
    }

    /** The JSON document for a topology (what a producer writes to {@code topology.v1}). */
    public static byte[] toJson(ServiceTopology topology) {
        try {
            return JSON.writeValueAsBytes(topology);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The YAML document for a topology (what {@code topology.file} holds). */
    public static String toYaml(ServiceTopology topology) {
        try {
            return YAML.writeValueAsString(topology);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A topology file or document that cannot be read. */
    public static final class InvalidTopologyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTopologyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
