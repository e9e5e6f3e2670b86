package io.smartnas.launcher;

import io.smartnas.app.BuildFingerprint;
import picocli.CommandLine;

/** The project version, from the launcher jar's manifest, and the build: a fingerprint of SmartNAS's own classes. */
final class Version implements CommandLine.IVersionProvider {
    /** The version of this build, or {@code "dev"} when run from classes rather than the jar. */
    static String current() {
        String version = SmartNas.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** The version and the fingerprint of this build's classes ({@link BuildFingerprint}). */
    static String build() {
        return BuildFingerprint.of(current(), SmartNas.class);
    }

    @Override
    public String[] getVersion() {
        return new String[] {"smartnas " + current() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
