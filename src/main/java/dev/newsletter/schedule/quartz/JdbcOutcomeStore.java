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
        write(new Row(firing, at, null, FiringOutcome.Result.RUNNING, "running", instance));
    }

    @Override
    public void finished(Firing firing, Instant startedAt, Instant at, FiringOutcome outcome, String instance) {
        write(new Row(firing, startedAt, at, outcome.result(), outcome.summary(), instance));
    }

    private void write(Row row) {
        try (Connection connection = connections.get()) {
            connection.setAutoCommit(false);
            try {
                if (row.write(connection, StoreSchema.OUTCOME_UPDATE, schedulerName) == 0) {
                    row.write(connection, StoreSchema.OUTCOME_INSERT, schedulerName);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SchedulerUnavailableException(
                    "cannot record the outcome of " + row.firing().scheduleId(), e);
        }
    }

    /**
     * One schedule's row, written by {@link StoreSchema#OUTCOME_UPDATE} or {@link
     * StoreSchema#OUTCOME_INSERT}.
     *
     * @param finished null while the firing runs
     * @param summary cut to the column's size
     */
    private record Row(
            Firing firing,
            Instant started,
            Instant finished,
            FiringOutcome.Result result,
            String summary,
            String instance) {

        Row {
            summary = summary.length() > SUMMARY_MAX ? summary.substring(0, SUMMARY_MAX - 1) + "…" : summary;
        }

        /** Runs {@code sql} with this row's values; returns how many rows it changed. */
        int write(Connection connection, String sql, String schedulerName) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
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
                statement.setString(10, schedulerName);
                statement.setString(11, firing.scheduleId());
                return statement.executeUpdate();
            }
        }
    }

    @Override
    public List<LastFiring> all() {
        List<LastFiring> all = new ArrayList<>();
        try (Connection connection = connections.get();
                PreparedStatement select = connection.prepareStatement(StoreSchema.OUTCOMES_SELECT)) {
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
                PreparedStatement delete = connection.prepareStatement(StoreSchema.OUTCOME_DELETE)) {
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
