package io.smartnas.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What Hazelcast logs, said to the user in SmartNAS's words, one line each and each line once: a join refused for
 * another cluster name is a worker with another secret; bytes that are not Hazelcast's protocol (random bytes, an HTTP
 * request) are a connection refused; the partitions a worker loses with its coordinator, and the suspicion that a member
 * died, go unsaid (SmartNAS says who left). Anything else at warning level or above is said by its first line, without stack traces.
 */
final class HazelcastLog extends Handler {
    private final Consumer<String> say;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    private HazelcastLog(Consumer<String> say) {
        this.say = say;
    }

    /** Routes {@code logger}'s records (Hazelcast's root logger) to {@code say} instead of the console. */
    static void install(Logger logger, Consumer<String> say) {
        for (Handler handler : logger.getHandlers()) {
            if (handler instanceof HazelcastLog) {
                logger.removeHandler(handler);
            }
        }
        logger.addHandler(new HazelcastLog(say));
        logger.setUseParentHandlers(false);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() < Level.WARNING.intValue()) {
            return;
        }
        String line = words(String.valueOf(record.getMessage()), record.getThrown());
        if (line != null && said.add(line)) {
            say.accept(line);
        }
    }

    /** The line for a message and its exception, or null for none. */
    static String words(String message, Throwable thrown) {
        String text = message + (thrown == null ? "" : " " + thrown.getMessage());
        if (text.contains("different cluster") || text.contains("cluster name")) {
            return "refused a member that tried to join with another cluster secret (the secrets differ)";
        }
        if (text.contains("is completely lost") || text.contains("partition") || text.contains("suspected to be dead")) {
            return null;
        }
        if (text.contains("Unknown protocol") || text.contains("REST API") || text.contains("HTTP")
                || text.contains("Memcache") || text.contains("protocol")) {
            return "refused a connection to the cluster port that did not speak the cluster's protocol";
        }
        String first = message.lines().findFirst().orElse("").strip();
        return "cluster: " + (first.isEmpty() && thrown != null ? String.valueOf(thrown.getMessage()) : first);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
