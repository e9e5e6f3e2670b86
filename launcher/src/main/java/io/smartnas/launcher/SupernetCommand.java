package io.smartnas.launcher;

import picocli.CommandLine.Command;

/** {@code smartnas supernet}: a supernet's commands. */
@Command(name = "supernet", subcommands = {SupernetTrainCommand.class, SupernetCutCommand.class},
        footer = {"  smartnas supernet train --time 1h --out supernet/"},
        description = "Trains a supernet: the largest network of a space, whose sub-networks (every network of the "
                + "space) share its weights, so that a search with --supernet measures each in seconds.")
final class SupernetCommand extends Subcommand {
    @Override
    void run() {
        spec.commandLine().usage(out());
    }
}
