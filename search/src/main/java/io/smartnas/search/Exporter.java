package io.smartnas.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.results.CandidateRecord;
import io.smartnas.results.ExportRecord;
import io.smartnas.results.FinalModel;
import io.smartnas.results.Measured;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunSummary;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.config.ConfigDocument;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.config.EvaluationJson;
import io.smartnas.space.config.StoredFiles;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a run's best candidate or Pareto front as config files (format smartnet/1) that carry what the run
 * measured, its targets, the run and the provenance; {@code smartnas train} reads them as they are. Every file
 * written is recorded in the store.
 */
public final class Exporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Exporter() {
    }

    /** The kinds of export. */
    public enum Kind { BEST, PARETO }

    /**
     * @return the files written: {@code best.json}, or {@code pareto-<rank>-<id>.json} for each front member
     * @throws InvalidInputException if the run does not exist or has no measured candidate to export
     */
    public static List<Path> export(ResultStore store, long runId, Kind kind, Path dir) {
        RunSummary run = store.run(runId).orElseThrow(() -> new InvalidInputException("no run " + runId));
        List<Measured> chosen = kind == Kind.BEST ? store.best(runId, Targets.NONE, 1) : store.pareto(runId,
                Targets.NONE);
        if (chosen.isEmpty()) {
            throw new InvalidInputException("run " + runId + " has no measured candidate to export yet");
        }
        List<Path> files = new ArrayList<>();
        for (int rank = 0; rank < chosen.size(); rank++) {
            Measured m = chosen.get(rank);
            Path file = kind == Kind.BEST ? dir.resolve(RunDirectory.BEST) : RunDirectory.pareto(dir, rank,
                    m.configId());
            write(store, run, m, kind, rank + 1, file);
            store.addExport(new ExportRecord(runId, m.configId(), kind.name().toLowerCase(java.util.Locale.ROOT),
                    file.toAbsolutePath().toString(), Instant.now()));
            files.add(file);
        }
        return files;
    }

    /**
     * Copies the network the run trained at its end (see {@link FinalTrainer}) into {@code dir/model}: config, exit
     * group files, exit policy, {@code model.safetensors} and their checksum list, every file checked against that
     * list before any is copied, so that a damaged one leaves nothing behind. A new {@code dir/model} is written beside
     * it under another name and renamed when whole.
     *
     * @return the copied model directory
     * @throws InvalidInputException if the run does not exist, kept no trained model, or a file of it is missing or
     *                               damaged
     */
    public static Path exportTrained(ResultStore store, long runId, Path dir) {
        store.run(runId).orElseThrow(() -> new InvalidInputException("no run " + runId));
        Path model = store.finalModel(runId).map(FinalModel::modelDir).map(Path::of).orElseThrow(() ->
                new InvalidInputException("run " + runId + " kept no trained model (its final training did not run "
                        + "or did not finish; search --resume " + runId + " trains it, or smartnas train best.json "
                        + "--out DIR)"));
        Path target = RunDirectory.model(dir);
        try (Stream<Path> files = Files.list(model)) {
            List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
            if (sorted.isEmpty()) {
                throw new InvalidInputException(model + ": the run's model directory is empty or gone");
            }
            sorted.forEach(StoredFiles::verify);
            Files.createDirectories(dir);
            Path whole = Files.exists(target) ? target : Files.createTempDirectory(dir, ".model-");
            for (Path file : sorted) {
                Files.copy(file, whole.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            if (whole != target) {
                Files.move(whole, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(model + ": the run's model directory is gone", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + model + " to " + target, e);
        }
        return target;
    }

    private static void write(ResultStore store, RunSummary run, Measured m, Kind kind, int rank, Path file) {
        CandidateRecord candidate = store.candidate(m.configId()).orElseThrow();
        Evaluation evaluation = store.evaluationsOf(m.configId()).stream()
                .filter(e -> e.id() == m.evaluationId()).map(StoredEvaluation::evaluation).findFirst().orElseThrow();
        ObjectNode extras = JSON.createObjectNode();
        extras.put("id", m.configId());
        extras.put("run", run.id());
        extras.put("export", kind.name().toLowerCase(java.util.Locale.ROOT));
        extras.put("rank", rank);
        extras.put("feasible", m.feasible());
        ObjectNode targets = extras.putObject("targets");
        targets.put("max_params", run.targets().maxParams());
        targets.put("max_bytes", run.targets().maxBytes());
        targets.put("max_latency_ms", run.targets().maxLatencyMs());
        targets.put("min_accuracy", run.targets().minAccuracy());
        var fidelity = extras.putObject("fidelity").put("epochs", m.epochs()).put("subset", m.subset());
        if (m.seconds() > 0) {
            fidelity.put("seconds", m.seconds());
        }
        extras.put("params", candidate.params());
        extras.put("bytes", candidate.bytes());
        extras.set("metrics", EvaluationJson.exits(evaluation));
        if (evaluation.importance() != null) {
            extras.set("importance", EvaluationJson.importance(evaluation.importance()));
        }
        extras.set("provenance", EvaluationJson.provenance(evaluation));
        try {
            extras.set("search", JSON.readTree(run.settings()));
            ConfigFile.write(new ConfigDocument(candidate.network(), extras), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
