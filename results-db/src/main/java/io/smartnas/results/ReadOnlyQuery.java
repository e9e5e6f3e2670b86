package io.smartnas.results;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.smartnas.space.InvalidInputException;

/**
 * Runs one user-written query on a results database, for power users. Two locks keep it read-only: a statement that
 * does not start as a query is refused before it reaches the database, and the connection is the reader account,
 * which the database itself allows to read and nothing else. Two bounds keep it from exhausting anything: a time limit
 * (H2 cancels the statement) and a row limit on the answer; and a database that a search holds keeps at most
 * {@link #MAX_MEMORY_ROWS} rows of any intermediate result in memory and the rest on disk, so that a query run
 * through the search's process cannot exhaust its memory.
 */
public final class ReadOnlyQuery {
    /** Rows of one result that H2 keeps in memory before it buffers the rest to a temporary file. */
    public static final int MAX_MEMORY_ROWS = 10_000;
    /** The default time limit of a query, in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    /** The default most rows of an answer. */
    public static final int DEFAULT_MAX_ROWS = 10_000;
    private static final Pattern LEADING_COMMENTS = Pattern.compile("(?s)\\A(\\s+|/\\*.*?\\*/|--[^\\n]*(\\n|\\z))*");
    private static final List<String> QUERIES = List.of("SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN", "SHOW");

    private ReadOnlyQuery() {
    }

    /**
     * How long a query may run and how many rows its answer may have.
     *
     * @param timeoutSeconds the statement is cancelled after this long, at least 1
     * @param maxRows        the answer is cut after this many rows, at least 1
     */
    public record Limits(int timeoutSeconds, int maxRows) {
        public static final Limits DEFAULT = new Limits(DEFAULT_TIMEOUT_SECONDS, DEFAULT_MAX_ROWS);

        public Limits {
            if (timeoutSeconds < 1) {
                throw new InvalidInputException("the time limit must be at least 1 second, got " + timeoutSeconds);
            }
            if (maxRows < 1) {
                throw new InvalidInputException("the row limit must be at least 1, got " + maxRows);
            }
        }
    }

    /**
     * Columns and rows of a query's answer, every value as text (SQL NULL as null).
     *
     * @param cut whether the answer had more rows than the row limit let through
     */
    public record Answer(List<String> columns, List<List<String>> rows, boolean cut) {
        public Answer {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * @throws ReadOnlyViolationException if the statement would change something
     * @throws DatabaseUnavailableException if the database cannot be opened
     */
    public static Answer run(Path database, String sql) {
        return run(database, sql, Limits.DEFAULT);
    }

    /**
     * @throws ReadOnlyViolationException if the statement would change something
     * @throws DatabaseUnavailableException if the database cannot be opened
     * @throws InvalidInputException if the query fails or runs past its time limit
     */
    public static Answer run(Path database, String sql, Limits limits) {
        String statement = sql.strip();
        String keyword = LEADING_COMMENTS.matcher(statement).replaceFirst("").split("[\\s(]+", 2)[0]
                .toUpperCase(Locale.ROOT);
        if (!QUERIES.contains(keyword)) {
            throw new ReadOnlyViolationException("only queries are allowed (" + String.join(", ", QUERIES)
                    + "); '" + keyword + "' would change the database");
        }
        try (Connection connection = H2Database.reader(database)) {
            connection.setReadOnly(true);
            try (Statement query = connection.createStatement()) {
                query.setQueryTimeout(limits.timeoutSeconds());
                query.setMaxRows(limits.maxRows() + 1);
                return answer(query.executeQuery(statement), limits.maxRows());
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1
                    || e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_IS_READ_ONLY) {
                throw new ReadOnlyViolationException("the statement would change the database, and this account "
                        + "may only read (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (e.getErrorCode() == org.h2.api.ErrorCode.ADMIN_RIGHTS_REQUIRED) {
                throw new ReadOnlyViolationException("a query may read the results' tables only; H2's file, network "
                        + "and system functions (FILE_READ, CSVREAD, LINK_SCHEMA and the like) are not open to it");
            }
            if (e.getErrorCode() == org.h2.api.ErrorCode.STATEMENT_WAS_CANCELED) {
                throw new InvalidInputException("the query ran past its time limit of " + limits.timeoutSeconds()
                        + " s and was cancelled (--timeout sets the limit)", e);
            }
            if (e.getErrorCode() == org.h2.api.ErrorCode.OUT_OF_MEMORY) {
                throw new InvalidInputException("the query needs more memory than this process has ("
                        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB of Java heap) and was stopped; narrow "
                        + "it (a WHERE that keeps fewer rows before they are sorted or grouped)", e);
            }
            throw new InvalidInputException("the query failed: "
                    + e.getMessage().lines().findFirst().orElse(e.toString()), e);
        }
    }

    private static Answer answer(ResultSet rows, int maxRows) throws SQLException {
        try (rows) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(meta.getColumnLabel(c).toLowerCase(Locale.ROOT));
            }
            List<List<String>> answer = new ArrayList<>();
            boolean cut = false;
            while (rows.next()) {
                if (answer.size() == maxRows) {
                    cut = true;
                    break;
                }
                List<String> row = new ArrayList<>(columns.size());
                for (int c = 1; c <= columns.size(); c++) {
                    row.add(rows.getString(c));
                }
                answer.add(java.util.Collections.unmodifiableList(row));
            }
            return new Answer(columns, answer, cut);
        }
    }
}
