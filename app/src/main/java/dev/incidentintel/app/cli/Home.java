package dev.incidentintel.app.cli;

import java.nio.file.Path;

/** The folder for local data ({@code .incident-intel/} beside the checkout unless configured). */
public final class Home {
    private Home() {}

    public static Path path() {
        return Path.of(System.getProperty("incident-intel.home", ".incident-intel"))
                .toAbsolutePath()
                .normalize();
    }
}
