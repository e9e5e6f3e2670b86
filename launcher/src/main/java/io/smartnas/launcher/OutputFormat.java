package io.smartnas.launcher;

import picocli.CommandLine.Option;

/** How a command prints what it found: an aligned table (default), JSON or CSV. */
final class OutputFormat {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--csv", description = "Print CSV with a header line.")
    boolean csv;
}
