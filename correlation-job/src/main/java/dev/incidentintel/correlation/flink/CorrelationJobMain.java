package dev.incidentintel.correlation.flink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point when the job jar is submitted to a Flink cluster ({@code flink run}): arguments are
 * {@code --key value} pairs as read by {@link CorrelationJobConfig#of}, plus {@code --config FILE}
 * for a properties file (arguments win over the file).
 */
public final class CorrelationJobMain {
    private CorrelationJobMain() {}

    public static void main(String[] args) throws Exception {
        CorrelationJobConfig config = CorrelationJobConfig.of(parse(args));
        CorrelationJob.fromConfig(config)
                .execute(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    static Properties parse(String[] args) throws IOException {
        Properties fromArgs = new Properties();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "expected --key value pairs, got '" + args[i] + "'");
            }
            fromArgs.setProperty(args[i].substring(2), args[++i]);
        }
        Properties merged = new Properties();
        String file = fromArgs.getProperty("config");
        if (file != null) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                merged.load(in);
            }
        }
        merged.putAll(fromArgs);
        return merged;
    }
}
