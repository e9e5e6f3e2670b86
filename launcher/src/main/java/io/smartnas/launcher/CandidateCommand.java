package io.smartnas.launcher;

import io.smartnas.space.config.EvaluationJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.results.CandidateRecord;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.evaluation.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code smartnas candidate}: one candidate with everything known about it, from every run. */
@Command(name = "candidate", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas candidate 3802668f4f7c71f2"},
        description = "Shows one candidate: its config, its cost, and every evaluation of it in any run.")
final class CandidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The config id.")
    private String id;

    @Mixin
    private DbOption db;

    @Override
    public Integer call() {
        CandidateRecord candidate;
        List<StoredEvaluation> evaluations;
        try (ResultStore store = db.readOnly()) {
            candidate = store.candidate(id).orElseThrow(() -> new InvalidInputException("no candidate " + id
                    + " in " + db.file()));
            evaluations = store.evaluationsOf(id);
        }
        ObjectNode root = Json.object();
        root.put("id", candidate.configId());
        root.set("config", ConfigFile.toJson(candidate.network()));
        root.set("genome", candidate.genome() == null ? null : RunJson.parse(candidate.genome()));
        root.put("params", candidate.params()).put("buffers", candidate.buffers()).put("bytes", candidate.bytes())
                .put("macs", candidate.macs()).put("activation_bytes", candidate.activationBytes())
                .put("blocks", candidate.blocks());
        ArrayNode list = root.putArray("evaluations");
        for (StoredEvaluation stored : evaluations) {
            Evaluation e = stored.evaluation();
            ObjectNode node = list.addObject().put("evaluation", stored.id()).put("run", stored.runId())
                    .put("status", e.status().label()).put("epochs", e.fidelity().epochs())
                    .put("subset", e.fidelity().subset()).put("device", e.device())
                    .put("started", e.started().toString()).put("finished", e.finished().toString())
                    .put("error", e.error());
            node.set("exits", EvaluationJson.exits(e));
            node.set("provenance", EvaluationJson.provenance(e));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.line(root));
        out.flush();
        return ExitCodes.OK;
    }
}
