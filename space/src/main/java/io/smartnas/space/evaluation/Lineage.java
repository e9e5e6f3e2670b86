package io.smartnas.space.evaluation;

/**
 * Where an evaluation's training started and where it left its network: the rung of the fidelity ladder it was
 * measured on (0 for a new candidate), the checkpoint it saved for the next rung or for children to inherit from, and
 * the exit groups it inherited from another evaluation's checkpoint.
 *
 * @param rung            the rung it was measured on: 0, or a promotion that went on from its checkpoint at the rung
 *                        below
 * @param checkpoint      the directory its trained network was saved to, or null when none was kept
 * @param startedFrom     the evaluation whose checkpoint its training started from (the rung below, or the parent it
 *                        inherited from), or null when it started from scratch
 * @param inheritedGroups exit groups {@code 0..inheritedGroups-1} started from {@code startedFrom}'s parameters: every
 *                        group for a promotion, the first ones a child shares with its parent, 0 from scratch
 */
public record Lineage(int rung, String checkpoint, Long startedFrom, int inheritedGroups) {
    /** A candidate trained from scratch on the lowest rung, keeping no checkpoint. */
    public static final Lineage SCRATCH = new Lineage(0, null, null, 0);

    public Lineage {
        if (rung < 0) {
            throw new IllegalArgumentException("rung must be 0 or more, got " + rung);
        }
        if ((startedFrom == null) != (inheritedGroups == 0)) {
            throw new IllegalArgumentException("an evaluation started from another inherits groups from it, and only "
                    + "then: startedFrom " + startedFrom + ", inheritedGroups " + inheritedGroups);
        }
    }

    /** Whether it started from a lower rung of the same candidate or from a parent, not from scratch. */
    public boolean inherited() {
        return startedFrom != null;
    }
}
