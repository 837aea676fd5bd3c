package dev.newsletter.schedule.quartz;

import dev.newsletter.schedule.Firing;
import dev.newsletter.schedule.FiringOutcome;
import dev.newsletter.schedule.LastFiring;
import dev.newsletter.schedule.OutcomeStore;
import dev.newsletter.schedule.SchedulerUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Last outcomes in the scheduler's database (table {@value StoreSchema#OUTCOMES_TABLE}), shared by
 * every daemon and command that uses the store. One row per schedule, replaced at each firing.
 */
final class JdbcOutcomeStore implements OutcomeStore {
    private static final String TABLE = StoreSchema.OUTCOMES_TABLE;
    private static final int SUMMARY_MAX = 2000;

    private final Connections connections;
    private final String schedulerName;

    /** Where connections come from: the Quartz data source's pool. */
    @FunctionalInterface
    interface Connections {
        Connection get() throws SQLException;
    }

    JdbcOutcomeStore(Connections connections, String schedulerName) {
        this.connections = connections;
        this.schedulerName = schedulerName;
    }

    @Override
    public void started(Firing firing, Instant at, String instance) {
        write(firing, at, null, FiringOutcome.Result.RUNNING, "running", instance);
    }

    @Override
    public void finished(Firing firing, Instant startedAt, Instant at, FiringOutcome outcome, String instance) {
        write(firing, startedAt, at, outcome.result(), outcome.summary(), instance);
    }

    private void write(
            Firing firing,
            Instant started,
            Instant finished,
            FiringOutcome.Result result,
            String summary,
            String instance) {
        String text = summary.length() > SUMMARY_MAX ? summary.substring(0, SUMMARY_MAX - 1) + "…" : summary;
        try (Connection connection = connections.get()) {
            connection.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
                        + " SET SOURCE = ?, ISSUE = ?, LIST_NAME = ?, DUE_AT = ?, STARTED_AT = ?, FINISHED_AT = ?,"
                        + " RESULT = ?, SUMMARY = ?, INSTANCE_NAME = ? WHERE SCHED_NAME = ? AND SCHEDULE_ID = ?")) {
                    bind(update, firing, started, finished, result, text, instance);
                    update.setString(10, schedulerName);
                    update.setString(11, firing.scheduleId());
                    updated = update.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                            + " (SOURCE, ISSUE, LIST_NAME, DUE_AT, STARTED_AT, FINISHED_AT, RESULT, SUMMARY,"
                            + " INSTANCE_NAME, SCHED_NAME, SCHEDULE_ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        bind(insert, firing, started, finished, result, text, instance);
                        insert.setString(10, schedulerName);
                        insert.setString(11, firing.scheduleId());
                        insert.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SchedulerUnavailableException("cannot record the outcome of " + firing.scheduleId(), e);
        }
    }

    private static void bind(
            PreparedStatement statement,
            Firing firing,
            Instant started,
            Instant finished,
            FiringOutcome.Result result,
            String summary,
            String instance)
            throws SQLException {
        statement.setString(1, firing.source());
        statement.setString(2, firing.issue());
        statement.setString(3, firing.list());
        statement.setLong(4, firing.due().toEpochMilli());
        statement.setLong(5, started.toEpochMilli());
        if (finished == null) {
            statement.setNull(6, java.sql.Types.BIGINT);
        } else {
            statement.setLong(6, finished.toEpochMilli());
        }
        statement.setString(7, result.name());
        statement.setString(8, summary);
        statement.setString(9, instance);
    }

    @Override
    public List<LastFiring> all() {
        List<LastFiring> all = new ArrayList<>();
        try (Connection connection = connections.get();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT SCHEDULE_ID, SOURCE, ISSUE, LIST_NAME, DUE_AT, STARTED_AT, FINISHED_AT, RESULT, SUMMARY,"
                                + " INSTANCE_NAME FROM " + TABLE + " WHERE SCHED_NAME = ?")) {
            select.setString(1, schedulerName);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long finished = rows.getLong("FINISHED_AT");
                    Optional<Instant> end =
                            rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finished));
                    all.add(new LastFiring(
                            rows.getString("SCHEDULE_ID"),
                            rows.getString("SOURCE"),
                            rows.getString("ISSUE"),
                            rows.getString("LIST_NAME"),
                            Instant.ofEpochMilli(rows.getLong("DUE_AT")),
                            Instant.ofEpochMilli(rows.getLong("STARTED_AT")),
                            end,
                            result(rows.getString("RESULT")),
                            rows.getString("SUMMARY"),
                            rows.getString("INSTANCE_NAME")));
                }
            }
        } catch (SQLException e) {
            throw new SchedulerUnavailableException("cannot read the last outcomes", e);
        }
        return all;
    }

    private static FiringOutcome.Result result(String name) {
        try {
            return FiringOutcome.Result.valueOf(name);
        } catch (IllegalArgumentException e) {
            return FiringOutcome.Result.FAILED;
        }
    }

    @Override
    public boolean remove(String scheduleId) {
        try (Connection connection = connections.get();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + TABLE + " WHERE SCHED_NAME = ? AND SCHEDULE_ID = ?")) {
            delete.setString(1, schedulerName);
            delete.setString(2, scheduleId);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new SchedulerUnavailableException("cannot remove the last outcome of " + scheduleId, e);
        }
    }

    @Override
    public void retainConfig(Set<String> configIds) {
        for (LastFiring last : all()) {
            if (Firing.CONFIG.equals(last.source()) && !configIds.contains(last.scheduleId())) {
                remove(last.scheduleId());
            }
        }
    }
}
