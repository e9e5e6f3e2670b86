package io.smartnas.results;

import java.time.Instant;
import java.util.List;

/**
 * One generation of a run, as the search leaves it.
 *
 * @param populationIds config ids of the population, in order
 * @param population    the population's genomes as a JSON array, from which a search resumes
 * @param evaluations   evaluations of the run so far, this generation's included
 * @param feasible      feasible candidates of the run so far
 * @param bestConfigId  the best feasible candidate so far, or null
 * @param bestAccuracy  its validation accuracy, or NaN
 * @param hypervolume   the hypervolume of the feasible front so far (accuracy, latency, memory), or NaN
 */
public record GenerationRecord(long runId, int index, List<String> populationIds, String population,
                               int evaluations, int feasible, String bestConfigId, double bestAccuracy,
                               double hypervolume, Instant recorded) {
    public GenerationRecord {
        populationIds = List.copyOf(populationIds);
    }
}
