package dev.incidentintel.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option values not given on the command line: first from an environment variable, then
 * from the config file; when neither has one, the option keeps its built-in default. So the order
 * is flags, then environment variables, then the config file.
 *
 * <p>Names derive from the option's long name: {@code --kafka-bootstrap-servers} is read from the
 * environment variable {@code KAFKA_BOOTSTRAP_SERVERS} and the config key {@code
 * kafka.bootstrap.servers}.
 */
public final class ConfigDefaults implements IDefaultValueProvider {
    /** Environment variable naming the config file when {@code --config} is not given. */
    public static final String CONFIG_ENV = "INCIDENT_INTEL_CONFIG";

    private final Map<String, String> env;
    private final Properties file;

    public ConfigDefaults(Map<String, String> env, Properties file) {
        this.env = Map.copyOf(env);
        this.file = file;
    }

    /**
     * Defaults for this process: the environment, and the config file named by {@code --config
     * FILE} in {@code args}, else by {@value #CONFIG_ENV}, else {@code incident-intel.properties}
     * in the working directory if it exists.
     */
    public static ConfigDefaults forProcess(String[] args, Map<String, String> env) {
        String configFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                configFile = args[i].substring("--config=".length());
            }
        }
        if (configFile == null) {
            configFile = env.get(CONFIG_ENV);
        }
        Path path = configFile != null ? Path.of(configFile) : Path.of("incident-intel.properties");
        Properties props = new Properties();
        if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read config file " + path, e);
            }
        } else if (configFile != null) {
            throw new IllegalArgumentException("config file not found: " + path);
        }
        return new ConfigDefaults(env, props);
    }

    /** A copy of the config file's properties (empty when there is no file). */
    public Properties fileProperties() {
        Properties copy = new Properties();
        copy.putAll(file);
        return copy;
    }

    /** The environment these defaults were read from. */
    public Map<String, String> environment() {
        return env;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.longestName().equals("--config")) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        String fromEnv = env.get(envName(name));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return file.getProperty(fileKey(name));
    }

    /** {@code kafka-bootstrap-servers} -> {@code KAFKA_BOOTSTRAP_SERVERS}. */
    static String envName(String optionName) {
        return optionName.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** {@code kafka-bootstrap-servers} -> {@code kafka.bootstrap.servers}. */
    static String fileKey(String optionName) {
        return optionName.replace('-', '.');
    }
}
