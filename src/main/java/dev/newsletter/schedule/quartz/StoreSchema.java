package dev.newsletter.schedule.quartz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables of a JDBC job store and every statement we run on them. Creates the tables on first
 * use, from the SQL that ships inside the Quartz jar ({@code tables_h2.sql}, {@code
 * tables_postgres.sql}), plus our one table of last outcomes. Never drops anything: the scripts'
 * {@code DROP TABLE} lines are left out, and a store that has only some of Quartz's tables is an
 * error to fix by hand, not a reason to start over.
 */
final class StoreSchema {
    /** The last outcome of every schedule, read by {@code schedule list}. */
    static final String OUTCOMES_TABLE = "NEWSLETTER_LAST_FIRING";

    private static final Set<String> QUARTZ_TABLES = Set.of(
            "QRTZ_JOB_DETAILS",
            "QRTZ_TRIGGERS",
            "QRTZ_SIMPLE_TRIGGERS",
            "QRTZ_CRON_TRIGGERS",
            "QRTZ_SIMPROP_TRIGGERS",
            "QRTZ_BLOB_TRIGGERS",
            "QRTZ_CALENDARS",
            "QRTZ_PAUSED_TRIGGER_GRPS",
            "QRTZ_FIRED_TRIGGERS",
            "QRTZ_SCHEDULER_STATE",
            "QRTZ_LOCKS");

    private static final String OUTCOMES_DDL = "CREATE TABLE IF NOT EXISTS " + OUTCOMES_TABLE + " ("
            + " SCHED_NAME VARCHAR(120) NOT NULL,"
            + " SCHEDULE_ID VARCHAR(200) NOT NULL,"
            + " SOURCE VARCHAR(16) NOT NULL,"
            + " ISSUE VARCHAR(1000) NOT NULL,"
            + " LIST_NAME VARCHAR(100) NOT NULL,"
            + " DUE_AT BIGINT NOT NULL,"
            + " STARTED_AT BIGINT NOT NULL,"
            + " FINISHED_AT BIGINT,"
            + " RESULT VARCHAR(40) NOT NULL,"
            + " SUMMARY VARCHAR(2000) NOT NULL,"
            + " INSTANCE_NAME VARCHAR(200) NOT NULL,"
            + " PRIMARY KEY (SCHED_NAME, SCHEDULE_ID))";

    /**
     * Replaces a schedule's last outcome. Takes, like {@link #OUTCOME_INSERT}: source, issue, list,
     * due, started, finished (null while running), result, summary, instance, scheduler name,
     * schedule id.
     */
    static final String OUTCOME_UPDATE = "UPDATE " + OUTCOMES_TABLE
            + " SET SOURCE = ?, ISSUE = ?, LIST_NAME = ?, DUE_AT = ?, STARTED_AT = ?, FINISHED_AT = ?,"
            + " RESULT = ?, SUMMARY = ?, INSTANCE_NAME = ? WHERE SCHED_NAME = ? AND SCHEDULE_ID = ?";

    /** Adds a schedule's first outcome; the parameters of {@link #OUTCOME_UPDATE}. */
    static final String OUTCOME_INSERT = "INSERT INTO " + OUTCOMES_TABLE
            + " (SOURCE, ISSUE, LIST_NAME, DUE_AT, STARTED_AT, FINISHED_AT, RESULT, SUMMARY,"
            + " INSTANCE_NAME, SCHED_NAME, SCHEDULE_ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Every last outcome of a scheduler name. */
    static final String OUTCOMES_SELECT =
            "SELECT SCHEDULE_ID, SOURCE, ISSUE, LIST_NAME, DUE_AT, STARTED_AT, FINISHED_AT, RESULT, SUMMARY,"
                    + " INSTANCE_NAME FROM " + OUTCOMES_TABLE + " WHERE SCHED_NAME = ?";

    /** Forgets a schedule's last outcome: scheduler name, schedule id. */
    static final String OUTCOME_DELETE = "DELETE FROM " + OUTCOMES_TABLE + " WHERE SCHED_NAME = ? AND SCHEDULE_ID = ?";

    private static final String CHECK_INS =
            "SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?";

    /** How long past its check-in interval Quartz still counts an instance alive ({@code JobStoreSupport}). */
    private static final long CHECK_IN_SLACK_MILLIS = 7500;

    enum Dialect {
        H2("tables_h2.sql", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate"),
        POSTGRES("tables_postgres.sql", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");

        final String script;
        final String delegate;

        Dialect(String script, String delegate) {
            this.script = script;
            this.delegate = delegate;
        }
    }

    private StoreSchema() {}

    /** Where {@link SendJob} was before it moved to {@code schedule.quartz}: Quartz stores the class name of each job. */
    static final String SEND_JOB_BEFORE = "dev.newsletter.schedule.SendJob";

    /**
     * Points jobs stored under {@link SendJob}'s former class name at its class now: Quartz loads a
     * stored job by its class name, so a one-shot schedule added before the move would otherwise no
     * longer load.
     */
    private static void renameMovedJobClass(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE QRTZ_JOB_DETAILS SET JOB_CLASS_NAME = ? WHERE JOB_CLASS_NAME = ?")) {
            update.setString(1, SendJob.class.getName());
            update.setString(2, SEND_JOB_BEFORE);
            update.executeUpdate();
        }
    }

    /**
     * Makes sure the store has every table; creates them in one transaction when it has none.
     * PostgreSQL serialises concurrent first starts (two daemons of a cluster) with an advisory
     * lock held until the transaction ends.
     *
     * @return whether the tables were created now
     */
    static boolean ensure(Connection connection, Dialect dialect) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            if (dialect == Dialect.POSTGRES) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, 0x6E6577736C657474L); // "newslett"
                    lock.execute();
                }
            }
            Set<String> present = quartzTablesPresent(connection);
            boolean created = false;
            if (present.isEmpty()) {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : statements(dialect)) {
                        statement.execute(sql);
                    }
                }
                created = true;
            } else if (present.size() < QUARTZ_TABLES.size()) {
                Set<String> missing = new TreeSet<>(QUARTZ_TABLES);
                missing.removeAll(present);
                throw new SQLException("the scheduler store has some of Quartz's tables but not " + missing
                        + "; restore them from " + dialect.script + " in the Quartz jar, or drop the QRTZ_ tables");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(OUTCOMES_DDL);
            }
            renameMovedJobClass(connection);
            connection.commit();
            return created;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * The instances of a clustered scheduler that checked in recently: Quartz counts one as failed
     * once its check-in is older than its interval plus 7.5 s.
     */
    static List<String> checkedIn(Connection connection, String schedulerName, long nowMillis) throws SQLException {
        List<String> members = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(CHECK_INS)) {
            select.setString(1, schedulerName);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long last = rows.getLong(2);
                    long interval = rows.getLong(3);
                    if (nowMillis - last <= interval + CHECK_IN_SLACK_MILLIS) {
                        members.add(rows.getString(1));
                    }
                }
            }
        }
        return members;
    }

    private static Set<String> quartzTablesPresent(Connection connection) throws SQLException {
        Set<String> present = new TreeSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", null)) {
            while (tables.next()) {
                String name = tables.getString("TABLE_NAME").toUpperCase(Locale.ROOT);
                if (QUARTZ_TABLES.contains(name)) {
                    present.add(name);
                }
            }
        }
        return present;
    }

    /** The script's statements without comments, {@code DROP}s and {@code COMMIT}. */
    static List<String> statements(Dialect dialect) {
        String resource = "/org/quartz/impl/jdbcjobstore/" + dialect.script;
        String text;
        try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the Quartz jar has no " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the Quartz jar", e);
        }
        StringBuilder withoutComments = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : withoutComments.toString().split(";")) {
            String sql = part.strip();
            String upper = sql.toUpperCase(Locale.ROOT);
            if (!sql.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
                statements.add(sql);
            }
        }
        return statements;
    }
}
