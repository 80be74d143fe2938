package dev.incidentintel.correlation.anomaly.logs;

/**
 * The template a line was assigned to, as it stands after the line was added.
 *
 * @param clusterId id of the template inside its miner, stable for the miner's life
 * @param template the template text, tokens joined by one space, variables as {@code <*>}
 * @param count lines matched so far, this one included
 * @param created true when this line created the template
 */
public record MinedTemplate(int clusterId, String template, long count, boolean created) {
    public MinedTemplate {
        if (clusterId < 0) {
            throw new IllegalArgumentException("clusterId must not be negative, was " + clusterId);
        }
        if (template == null) {
            throw new IllegalArgumentException("template must not be null");
        }
    }
}
