package io.smartnas.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartnas.space.config.EvaluationJson;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Lineage;
import io.smartnas.space.evaluation.LatencyMode;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.importance.Importance;
import io.smartnas.space.latency.DeviceProfile;
import io.smartnas.space.latency.LatencyFeatures;
import io.smartnas.space.latency.LatencyPrediction;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ResultStore} of users: an H2 database file, opened by {@link H2Database}. One connection, every method
 * synchronized; each write is one transaction, committed before the method returns (with H2's write delay at 0, so
 * that a killed writer loses nothing committed). Every value a user gives reaches SQL as a parameter, never as text.
 */
public final class H2ResultStore implements ResultStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DUPLICATE_KEY = 23505;
    private static final int REFERENCE_MISSING = 23506;
    private static final String EVALUATION_COLUMNS = "e.id, e.run_id, e.config_id, e.epochs, e.subset, e.status, "
            + "e.peak_memory_bytes, e.memory_measured, e.device, e.started, e.finished, e.error, e.provenance, "
            + "e.anytime_latency_ms, e.rung, e.checkpoint, e.started_from, e.inherited_groups, e.importance, e.seconds, e.supernet";
    private static final int EVALUATION_COLUMN_COUNT = EVALUATION_COLUMNS.split(",").length;

    private final Connection connection;
    private final Path file;
    private final SearchLock searchLock;
    private final boolean writes;

    /**
     * @param file       the database file, to say where the disk is full when a write fails for that
     * @param searchLock held by a search's store until it closes; null for every other store
     * @param writes     whether the store was opened to write, so that closing it records the file's checksum
     */
    H2ResultStore(Connection connection, Path file, SearchLock searchLock, boolean writes) throws SQLException {
        this.connection = connection;
        this.file = file;
        this.searchLock = searchLock;
        this.writes = writes;
        connection.setAutoCommit(false);
    }

    @Override
    public synchronized long createRun(NewRun run) {
        String sql = "INSERT INTO runs (name, strategy, status, created, max_params, max_bytes, max_latency_ms, "
                + "min_accuracy, settings, provenance, latency_mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        return write("create a run", () -> {
            try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, run.name());
                insert.setString(2, run.strategy());
                insert.setString(3, RunStatus.RUNNING.label());
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                setLong(insert, 5, run.targets().maxParams());
                setLong(insert, 6, run.targets().maxBytes());
                setDouble(insert, 7, run.targets().maxLatencyMs());
                setDouble(insert, 8, run.targets().minAccuracy());
                insert.setString(9, run.settings());
                insert.setString(10, run.provenance());
                insert.setString(11, run.targets().latencyMode().label());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public synchronized void finishRun(long runId, RunStatus status) {
        setStatus(runId, status, Instant.now());
    }

    @Override
    public synchronized void resumeRun(long runId) {
        setStatus(runId, RunStatus.RUNNING, null);
    }

    @Override
    public synchronized void updateSettings(long runId, String settings) {
        write("update the settings of run " + runId, () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE runs SET settings = ? WHERE id = ?")) {
                update.setString(1, settings);
                update.setLong(2, runId);
                if (update.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no run " + runId);
                }
                return null;
            }
        });
    }

    private void setStatus(long runId, RunStatus status, Instant finished) {
        write("update run " + runId, () -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE runs SET status = ?, finished = ? WHERE id = ?")) {
                update.setString(1, status.label());
                update.setTimestamp(2, finished == null ? null : Timestamp.from(finished));
                update.setLong(3, runId);
                if (update.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no run " + runId);
                }
                return null;
            }
        });
    }

    @Override
    public synchronized void putCandidate(CandidateRecord c) {
        String sql = "INSERT INTO candidates (config_id, genome, config, size, params, buffers, bytes, macs, "
                + "activation_bytes, blocks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        write("store candidate " + c.configId(), () -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setString(1, c.configId());
                insert.setString(2, c.genome());
                insert.setString(3, c.config());
                insert.setInt(4, c.size());
                insert.setLong(5, c.params());
                insert.setLong(6, c.buffers());
                insert.setLong(7, c.bytes());
                insert.setLong(8, c.macs());
                insert.setLong(9, c.activationBytes());
                insert.setInt(10, c.blocks());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (e.getErrorCode() != DUPLICATE_KEY) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public synchronized long addEvaluation(long runId, Evaluation e, Lineage lineage) {
        return insertEvaluation(runId, e, lineage, false, null);
    }

    @Override
    public synchronized long addFinalEvaluation(long runId, Evaluation e, String modelDir) {
        return insertEvaluation(runId, e, Lineage.SCRATCH, true, modelDir);
    }

    @Override
    public synchronized void dropCheckpoint(long evaluationId) {
        write("forget the checkpoint of evaluation " + evaluationId, () -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE evaluations SET checkpoint = NULL WHERE id = ?")) {
                update.setLong(1, evaluationId);
                update.executeUpdate();
            }
            return null;
        });
    }

    private long insertEvaluation(long runId, Evaluation e, Lineage lineage, boolean finalTraining,
                                  String modelDir) {
        String sql = "INSERT INTO evaluations (run_id, config_id, epochs, subset, status, accuracy, test_accuracy, "
                + "latency_ms, peak_memory_bytes, memory_measured, device, started, finished, error, provenance, "
                + "anytime_latency_ms, final_training, model_dir, rung, checkpoint, started_from, inherited_groups, "
                + "importance, seconds, supernet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?)";
        return write("store an evaluation of " + e.configId(), () -> {
            long id;
            try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, runId);
                insert.setString(2, e.configId());
                insert.setInt(3, e.fidelity().epochs());
                insert.setInt(4, e.fidelity().subset());
                insert.setString(5, e.status().label());
                setDouble(insert, 6, e.ok() ? e.lastExit().validationAccuracy() : null);
                setDouble(insert, 7, e.ok() ? e.lastExit().testAccuracy() : null);
                setDouble(insert, 8, e.ok() ? e.lastExit().latencyMs() : null);
                insert.setLong(9, e.peakMemoryBytes());
                insert.setBoolean(10, e.memoryMeasured());
                insert.setString(11, e.device());
                insert.setTimestamp(12, Timestamp.from(e.started()));
                insert.setTimestamp(13, Timestamp.from(e.finished()));
                insert.setString(14, e.error());
                insert.setString(15, JSON.writeValueAsString(e.provenance()));
                setDouble(insert, 16, e.anytimeLatencyMs());
                insert.setBoolean(17, finalTraining);
                insert.setString(18, modelDir);
                insert.setInt(19, lineage.rung());
                insert.setString(20, lineage.checkpoint());
                insert.setObject(21, lineage.startedFrom());
                insert.setInt(22, lineage.inheritedGroups());
                insert.setString(23, e.importance() == null ? null : EvaluationJson.importance(e.importance())
                        .toString());
                insert.setInt(24, e.fidelity().seconds());
                insert.setString(25, e.fidelity().supernet());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            } catch (SQLException ex) {
                if (ex.getErrorCode() == REFERENCE_MISSING) {
                    throw new IllegalArgumentException("no run " + runId + " or no candidate " + e.configId(), ex);
                }
                throw ex;
            }
            insertExits(id, e.exits());
            return id;
        });
    }

    private void insertExits(long evaluationId, List<ExitMetrics> exits) throws SQLException {
        String sql = "INSERT INTO exit_metrics (evaluation_id, exit_index, validation_accuracy, test_accuracy, "
                + "latency_ms, throughput, params, buffers, macs, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (ExitMetrics x : exits) {
                insert.setLong(1, evaluationId);
                insert.setInt(2, x.exit());
                setDouble(insert, 3, x.validationAccuracy());
                setDouble(insert, 4, x.testAccuracy());
                setDouble(insert, 5, x.latencyMs());
                setDouble(insert, 6, x.throughput());
                insert.setLong(7, x.params());
                insert.setLong(8, x.buffers());
                insert.setLong(9, x.macs());
                insert.setLong(10, x.bytes());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public synchronized void putGeneration(GenerationRecord g) {
        String sql = "INSERT INTO generations (run_id, idx, population_ids, population, evaluations, feasible, "
                + "best_config_id, best_accuracy, hypervolume, recorded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        write("store generation " + g.index() + " of run " + g.runId(), () -> {
            try (PreparedStatement merge = connection.prepareStatement(sql)) {
                merge.setLong(1, g.runId());
                merge.setInt(2, g.index());
                merge.setString(3, JSON.writeValueAsString(g.populationIds()));
                merge.setString(4, g.population());
                merge.setInt(5, g.evaluations());
                merge.setInt(6, g.feasible());
                merge.setString(7, g.bestConfigId());
                setDouble(merge, 8, g.bestAccuracy());
                setDouble(merge, 9, g.hypervolume());
                merge.setTimestamp(10, Timestamp.from(g.recorded()));
                merge.executeUpdate();
            } catch (SQLException ex) {
                if (ex.getErrorCode() == REFERENCE_MISSING) {
                    throw new IllegalArgumentException("no run " + g.runId(), ex);
                }
                if (ex.getErrorCode() == DUPLICATE_KEY) {
                    throw new IllegalStateException(generationRecorded(g), ex);
                }
                throw ex;
            }
            return null;
        });
    }

    /** Why a generation is refused: its run already recorded one of that index. */
    static String generationRecorded(GenerationRecord g) {
        return "run " + g.runId() + " already recorded generation " + g.index() + "; a recorded generation is "
                + "never replaced";
    }

    @Override
    public synchronized void addExport(ExportRecord x) {
        write("record an export", () -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO exports (run_id, config_id, kind, path, exported) VALUES (?, ?, ?, ?, ?)")) {
                insert.setLong(1, x.runId());
                insert.setString(2, x.configId());
                insert.setString(3, x.kind());
                insert.setString(4, x.path());
                insert.setTimestamp(5, Timestamp.from(x.exported()));
                insert.executeUpdate();
            } catch (SQLException ex) {
                if (ex.getErrorCode() == REFERENCE_MISSING) {
                    throw new IllegalArgumentException("no run " + x.runId() + " or candidate " + x.configId(), ex);
                }
                throw ex;
            }
            return null;
        });
    }

    @Override
    public synchronized List<RunSummary> runs() {
        List<Long> ids = read("list runs", () -> {
            List<Long> list = new ArrayList<>();
            try (Statement query = connection.createStatement();
                 ResultSet rows = query.executeQuery("SELECT id FROM runs ORDER BY id DESC")) {
                while (rows.next()) {
                    list.add(rows.getLong(1));
                }
            }
            return list;
        });
        return ids.stream().map(id -> run(id).orElseThrow()).toList();
    }

    @Override
    public synchronized Optional<RunSummary> run(long runId) {
        String sql = "SELECT id, name, strategy, status, created, finished, max_params, max_bytes, max_latency_ms, "
                + "min_accuracy, settings, provenance, (SELECT COUNT(*) FROM evaluations e WHERE e.run_id = r.id "
                + "AND e.status <> 'cut' AND NOT e.final_training AND e.rung = 0), "
                + "latency_mode FROM runs r WHERE id = ?";
        Optional<RunSummary> stored = read("read run " + runId, () -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, runId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Targets targets = new Targets(getLong(row, 7), getLong(row, 8), getBoxedDouble(row, 9),
                            getBoxedDouble(row, 10), LatencyMode.ofLabel(row.getString(14)));
                    return Optional.of(new RunSummary(row.getLong(1), row.getString(2), row.getString(3),
                            RunStatus.ofLabel(row.getString(4)), instant(row, 5), instant(row, 6), targets,
                            row.getString(11), row.getString(12), row.getInt(13), 0, null, Double.NaN));
                }
            }
        });
        return stored.map(r -> {
            List<Measured> feasible = measured(runId, r.targets()).stream().filter(Measured::feasible).toList();
            List<Measured> best = Ranking.best(feasible, 1);
            return new RunSummary(r.id(), r.name(), r.strategy(), r.status(), r.created(), r.finished(), r.targets(),
                    r.settings(), r.provenance(), r.evaluations(), feasible.size(),
                    best.isEmpty() ? null : best.get(0).configId(),
                    best.isEmpty() ? Double.NaN : best.get(0).accuracy());
        });
    }

    @Override
    public synchronized List<GenerationRecord> history(long runId) {
        String sql = "SELECT run_id, idx, population_ids, population, evaluations, feasible, best_config_id, "
                + "best_accuracy, hypervolume, recorded FROM generations WHERE run_id = ? ORDER BY idx";
        return read("read the history of run " + runId, () -> {
            List<GenerationRecord> list = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, runId);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        list.add(new GenerationRecord(row.getLong(1), row.getInt(2),
                                JSON.readValue(row.getString(3), new TypeReference<List<String>>() { }),
                                row.getString(4), row.getInt(5), row.getInt(6), row.getString(7), getDouble(row, 8),
                                getDouble(row, 9), instant(row, 10)));
                    }
                }
            }
            return List.copyOf(list);
        });
    }

    @Override
    public synchronized List<ExportRecord> exports(long runId) {
        return read("read the exports of run " + runId, () -> {
            List<ExportRecord> list = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT run_id, config_id, kind, path, exported FROM exports WHERE run_id = ? ORDER BY id")) {
                query.setLong(1, runId);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        list.add(new ExportRecord(row.getLong(1), row.getString(2), row.getString(3),
                                row.getString(4), instant(row, 5)));
                    }
                }
            }
            return List.copyOf(list);
        });
    }

    @Override
    public synchronized List<Measured> measured(long runId, Targets targets) {
        String sql = "SELECT e.id, e.config_id, e.status, e.epochs, e.subset, e.accuracy, e.test_accuracy, "
                + "e.latency_ms, c.params, c.bytes, c.macs, c.size, e.anytime_latency_ms, e.rung, e.seconds "
                + "FROM evaluations e "
                + "JOIN candidates c ON c.config_id = e.config_id WHERE e.run_id = ? AND e.status <> 'cut' "
                + "AND NOT e.final_training "
                + "ORDER BY e.id";
        return read("read the candidates of run " + runId, () -> {
            Map<String, Measured> highest = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, runId);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        Measured m = new Measured(row.getLong(1), runId, row.getString(2),
                                EvaluationStatus.ofLabel(row.getString(3)), row.getInt(4), row.getInt(5),
                                row.getInt(15), row.getInt(14), getDouble(row, 6), getDouble(row, 7), getDouble(row, 8),
                                getDouble(row, 13), row.getLong(9), row.getLong(10), row.getLong(11),
                                row.getInt(12), targets.latencyMode(), 0).under(targets);
                        highest.merge(m.configId(), m, Measured::higher);
                    }
                }
            }
            return List.copyOf(highest.values());
        });
    }

    @Override
    public synchronized List<StoredEvaluation> evaluations(long runId) {
        return evaluationsWhere("e.run_id = ? AND NOT e.final_training", runId);
    }

    @Override
    public synchronized Optional<FinalModel> finalModel(long runId) {
        String sql = "SELECT id, model_dir FROM evaluations WHERE run_id = ? AND final_training ORDER BY id DESC "
                + "LIMIT 1";
        Optional<Map.Entry<Long, String>> last = read("read the final training of run " + runId, () -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, runId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new AbstractMap.SimpleEntry<>(row.getLong(1),
                            row.getString(2))) : Optional.empty();
                }
            }
        });
        return last.map(entry -> new FinalModel(evaluationsWhere("e.id = ?", entry.getKey()).get(0),
                entry.getValue()));
    }

    @Override
    public synchronized Optional<StoredEvaluation> lookup(String configId, Fidelity fidelity, String deviceClass) {
        String sql = "SELECT MAX(id) FROM evaluations WHERE config_id = ? AND epochs = ? AND subset = ? "
                + "AND seconds = ? AND supernet = ? AND status IN ('ok', 'diverged') AND device LIKE ? AND rung = 0 "
                + "AND started_from IS NULL";
        Long id = read("look up " + configId, () -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, configId);
                query.setInt(2, fidelity.epochs());
                query.setInt(3, fidelity.subset());
                query.setInt(4, fidelity.seconds());
                query.setString(5, fidelity.supernet());
                query.setString(6, deviceClass + "(%");
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return getLong(row, 1);
                }
            }
        });
        return id == null ? Optional.empty() : evaluationsWhere("e.id = ?", id).stream().findFirst();
    }

    @Override
    public synchronized Optional<CandidateRecord> candidate(String configId) {
        String sql = "SELECT config_id, genome, config, size, params, buffers, bytes, macs, activation_bytes, blocks "
                + "FROM candidates WHERE config_id = ?";
        return read("read candidate " + configId, () -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, configId);
                try (ResultSet r = query.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new CandidateRecord(r.getString(1), r.getString(2), r.getString(3),
                            r.getInt(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9),
                            r.getInt(10)));
                }
            }
        });
    }

    @Override
    public synchronized List<StoredEvaluation> evaluationsOf(String configId) {
        return evaluationsWhere("e.config_id = ?", configId);
    }

    /** Evaluations matching a condition with one parameter, with their exit metrics, oldest first. */
    private List<StoredEvaluation> evaluationsWhere(String condition, Object parameter) {
        String sql = "SELECT " + EVALUATION_COLUMNS + ", x.exit_index, x.validation_accuracy, x.test_accuracy, "
                + "x.latency_ms, x.throughput, x.params, x.buffers, x.macs FROM evaluations e "
                + "LEFT JOIN exit_metrics x ON x.evaluation_id = e.id WHERE " + condition
                + " ORDER BY e.id, x.exit_index";
        return read("read evaluations", () -> {
            Map<Long, EvaluationRow> rows = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setObject(1, parameter);
                try (ResultSet r = query.executeQuery()) {
                    while (r.next()) {
                        EvaluationRow row = rows.get(r.getLong(1));
                        if (row == null) {
                            row = EvaluationRow.of(r);
                            rows.put(row.id(), row);
                        }
                        int x = EVALUATION_COLUMN_COUNT + 1; // the first exit-metrics column
                        if (r.getObject(x) != null) {
                            row.exits().add(new ExitMetrics(r.getInt(x), getDouble(r, x + 1), getDouble(r, x + 2),
                                    getDouble(r, x + 3), getDouble(r, x + 4), r.getLong(x + 5), r.getLong(x + 6),
                                    r.getLong(x + 7)));
                        }
                    }
                }
            }
            return rows.values().stream().map(EvaluationRow::stored).toList();
        });
    }

    /** The columns of one evaluation while its exit metrics are being read. */
    private record EvaluationRow(long id, long runId, String configId, Fidelity fidelity, EvaluationStatus status,
                                 long peakMemoryBytes, boolean memoryMeasured, String device, Instant started,
                                 Instant finished, String error, Map<String, String> provenance,
                                 double anytimeLatencyMs, Lineage lineage, Importance importance,
                                 List<ExitMetrics> exits) {
        static EvaluationRow of(ResultSet r) throws SQLException, JsonProcessingException {
            return new EvaluationRow(r.getLong(1), r.getLong(2), r.getString(3), new Fidelity(r.getInt(4),
                    r.getInt(5), r.getInt(20), r.getString(21)), EvaluationStatus.ofLabel(r.getString(6)), r.getLong(7), r.getBoolean(8),
                    r.getString(9), instant(r, 10), instant(r, 11), r.getString(12),
                    JSON.readValue(r.getString(13), new TypeReference<Map<String, String>>() { }), getDouble(r, 14),
                    new Lineage(r.getInt(15), r.getString(16), getLong(r, 17), r.getInt(18)),
                    r.getString(19) == null ? null : EvaluationJson.readImportance(JSON.readTree(r.getString(19))),
                    new ArrayList<>());
        }

        StoredEvaluation stored() {
            return new StoredEvaluation(id, runId, new Evaluation(configId, fidelity, status, exits, peakMemoryBytes,
                    memoryMeasured, device, started, finished, error, provenance, anytimeLatencyMs, importance), lineage);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
            if (writes) {
                DatabaseChecksum.closed(file);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close the results database: " + reason(e), e);
        } finally {
            if (searchLock != null) {
                searchLock.close();
            }
        }
    }

    @Override
    public synchronized long addDeviceProfile(DeviceProfile p) {
        String sql = "INSERT INTO device_profiles (device, coefficients, points, median_error, worst_error, calibrated, "
                + "runtime) VALUES (?, ?, ?, ?, ?, ?, ?)";
        return write("store the latency profile of " + p.device(), () -> {
            try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                Map<String, Double> prices = new LinkedHashMap<>();
                for (int i = 0; i < LatencyFeatures.NAMES.size(); i++) {
                    prices.put(LatencyFeatures.NAMES.get(i), p.coefficients().get(i));
                }
                insert.setString(1, p.device());
                insert.setString(2, JSON.writeValueAsString(prices));
                insert.setInt(3, p.points());
                insert.setDouble(4, p.medianError());
                insert.setDouble(5, p.worstError());
                insert.setTimestamp(6, Timestamp.from(p.calibrated()));
                insert.setString(7, p.runtime());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public synchronized Optional<StoredProfile> deviceProfile(String device) {
        String sql = "SELECT id, coefficients, points, median_error, worst_error, calibrated, runtime "
                + "FROM device_profiles WHERE device = ? ORDER BY id DESC LIMIT 1";
        return read("read the latency profile of " + device, () -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, device);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Map<String, Double> prices = JSON.readValue(row.getString(2), new TypeReference<>() { });
                    List<Double> coefficients = LatencyFeatures.NAMES.stream()
                            .map(name -> prices.getOrDefault(name, 0.0)).toList();
                    return Optional.of(new StoredProfile(row.getLong(1), new DeviceProfile(device, coefficients,
                            row.getInt(3), row.getDouble(4), row.getDouble(5), instant(row, 6), row.getString(7))));
                }
            }
        });
    }

    @Override
    public synchronized void putPrediction(String configId, long profileId, LatencyPrediction prediction) {
        String sql = "MERGE INTO latency_predictions (config_id, profile_id, exit_index, latency_ms, leaving_ms) "
                + "KEY (config_id, profile_id, exit_index) VALUES (?, ?, ?, ?, ?)";
        write("store the predicted latency of " + configId, () -> {
            try (PreparedStatement merge = connection.prepareStatement(sql)) {
                for (int exit = 0; exit < prediction.throughExitMs().length; exit++) {
                    merge.setString(1, configId);
                    merge.setLong(2, profileId);
                    merge.setInt(3, exit);
                    merge.setDouble(4, prediction.throughExitMs()[exit]);
                    merge.setDouble(5, prediction.leavingAtMs()[exit]);
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            return null;
        });
    }

    @Override
    public synchronized List<StoredPrediction> predictions(String configId) {
        String sql = "SELECT p.profile_id, d.device, p.exit_index, p.latency_ms, p.leaving_ms "
                + "FROM latency_predictions p JOIN device_profiles d ON d.id = p.profile_id "
                + "WHERE p.config_id = ? ORDER BY p.profile_id, p.exit_index";
        return read("read the predicted latency of " + configId, () -> {
            Map<Long, String> devices = new LinkedHashMap<>();
            Map<Long, List<double[]>> exits = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, configId);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        devices.put(row.getLong(1), row.getString(2));
                        exits.computeIfAbsent(row.getLong(1), id -> new ArrayList<>())
                                .add(new double[] {row.getDouble(4), row.getDouble(5)});
                    }
                }
            }
            List<StoredPrediction> predictions = new ArrayList<>();
            exits.forEach((id, rows) -> predictions.add(new StoredPrediction(id, devices.get(id),
                    new LatencyPrediction(rows.stream().mapToDouble(r -> r[0]).toArray(),
                            rows.stream().mapToDouble(r -> r[1]).toArray()))));
            return predictions;
        });
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException, JsonProcessingException;
    }

    private <T> T write(String what, Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | JsonProcessingException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            if (e instanceof RuntimeException runtime && !(e instanceof org.h2.message.DbException)) {
                throw runtime;
            }
            throw new StoreException("cannot " + what + ": " + reason(e), e);
        }
    }

    /** Why a write failed, in a user's words: a full disk is named as such (H2 only says it closed the database). */
    private String reason(Exception e) {
        return FullDisk.of(file, e).map(full -> full + "; everything stored before is kept: free some space, then "
                + "resume").orElseGet(() -> String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }

    private <T> T read(String what, Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static void setLong(PreparedStatement s, int i, Long value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, value);
        }
    }

    /** Stores NaN and null as SQL NULL. */
    private static void setDouble(PreparedStatement s, int i, Double value) throws SQLException {
        if (value == null || value.isNaN()) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, value);
        }
    }

    private static Long getLong(ResultSet r, int i) throws SQLException {
        long value = r.getLong(i);
        return r.wasNull() ? null : value;
    }

    private static Double getBoxedDouble(ResultSet r, int i) throws SQLException {
        double value = r.getDouble(i);
        return r.wasNull() ? null : value;
    }

    /** Reads SQL NULL as NaN. */
    private static double getDouble(ResultSet r, int i) throws SQLException {
        double value = r.getDouble(i);
        return r.wasNull() ? Double.NaN : value;
    }

    private static Instant instant(ResultSet r, int i) throws SQLException {
        Timestamp t = r.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }
}
