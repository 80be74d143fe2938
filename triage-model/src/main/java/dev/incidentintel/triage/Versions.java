package dev.incidentintel.triage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Library versions recorded in model metadata, read from the jars' Maven descriptors. */
final class Versions {
    private Versions() {}

    static String smile() {
        return read(
                "META-INF/maven/com.github.haifengl/smile-core/pom.properties",
                smile.classification.Maxent.class);
    }

    static String lucene() {
        return org.apache.lucene.util.Version.LATEST.toString();
    }

    private static String read(String resource, Class<?> anchor) {
        try (InputStream in = anchor.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        String v = anchor.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
