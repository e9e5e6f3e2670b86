/**
 * The {@code smartnas} command line: one class per subcommand, one place ({@link io.smartnas.launcher.ErrorHandler})
 * that turns exceptions into messages and exit codes, and the only {@code System.exit} of the project.
 */
package io.smartnas.launcher;
