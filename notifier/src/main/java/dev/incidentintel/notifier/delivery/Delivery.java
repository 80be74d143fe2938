package dev.incidentintel.notifier.delivery;

/**
 * The end of one delivery: sent or dead-lettered, after how many attempts, with the last status.
 *
 * @param outcome {@link Outcome#SENT} or {@link Outcome#DEAD_LETTER}
 * @param attempts attempts made
 * @param httpStatus last HTTP status, 0 when none came
 * @param error the last failure, {@code ""} when sent
 */
public record Delivery(Outcome outcome, int attempts, int httpStatus, String error) {}
