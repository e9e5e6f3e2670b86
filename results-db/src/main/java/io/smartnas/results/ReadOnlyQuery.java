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

/**
 * Runs one user-written query on a results database, for power users. Two locks keep it read-only: a statement that
 * does not start as a query is refused before it reaches the database, and the connection is the reader account,
 * which the database itself allows to read and nothing else.
 */
public final class ReadOnlyQuery {
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|--[^\\n]*");
    private static final List<String> QUERIES = List.of("SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN", "SHOW");

    private ReadOnlyQuery() {
    }

    /** Columns and rows of a query's answer, every value as text (SQL NULL as null). */
    public record Answer(List<String> columns, List<List<String>> rows) {
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
        String statement = COMMENTS.matcher(sql).replaceAll(" ").strip();
        String keyword = statement.split("[\\s(]+", 2)[0].toUpperCase(Locale.ROOT);
        if (!QUERIES.contains(keyword)) {
            throw new ReadOnlyViolationException("only queries are allowed (" + String.join(", ", QUERIES)
                    + "); '" + keyword + "' would change the database");
        }
        try (Connection connection = H2Database.reader(database)) {
            connection.setReadOnly(true);
            try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(statement)) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.add(meta.getColumnLabel(c).toLowerCase(Locale.ROOT));
                }
                List<List<String>> answer = new ArrayList<>();
                while (rows.next()) {
                    List<String> row = new ArrayList<>(columns.size());
                    for (int c = 1; c <= columns.size(); c++) {
                        row.add(rows.getString(c));
                    }
                    answer.add(java.util.Collections.unmodifiableList(row));
                }
                return new Answer(columns, answer);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1) {
                throw new ReadOnlyViolationException("the statement would change the database, and this account "
                        + "may only read (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            throw new io.smartnas.space.InvalidInputException("the query failed: "
                    + e.getMessage().lines().findFirst().orElse(e.toString()), e);
        }
    }
}
