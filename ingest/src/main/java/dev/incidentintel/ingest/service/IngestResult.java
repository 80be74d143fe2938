package dev.incidentintel.ingest.service;

import java.util.List;

/**
 * What one accepted request published: the number of canonical events and their fingerprints in
 * input order (duplicates kept, so {@code fingerprints.size() == accepted}). Serialised as the 202
 * response body.
 */
public record IngestResult(int accepted, List<String> fingerprints) {
    public IngestResult {
        fingerprints = List.copyOf(fingerprints);
        if (accepted != fingerprints.size()) {
            throw new IllegalArgumentException(
                    "accepted must equal the number of fingerprints, got "
                            + accepted
                            + " and "
                            + fingerprints.size());
        }
    }
}
