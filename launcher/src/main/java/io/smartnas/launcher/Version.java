package io.smartnas.launcher;

import picocli.CommandLine;

/** The project version, from the launcher jar's manifest. */
final class Version implements CommandLine.IVersionProvider {
    /** The version of this build, or {@code "dev"} when run from classes rather than the jar. */
    static String current() {
        String version = SmartNas.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"smartnas " + current() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
