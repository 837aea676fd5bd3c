package dev.newsletter.schedule.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreSchemaTest {
    @Test
    void thePostgresScriptFromTheQuartzJarIsRunWithoutItsDrops() {
        List<String> statements = StoreSchema.statements(StoreSchema.Dialect.POSTGRES);

        assertThat(statements).isNotEmpty().noneMatch(sql -> sql.toUpperCase().startsWith("DROP"));
        assertThat(statements).noneMatch(sql -> sql.equalsIgnoreCase("COMMIT"));
        assertThat(statements).anyMatch(sql -> sql.startsWith("CREATE TABLE QRTZ_LOCKS"));
        assertThat(statements).anyMatch(sql -> sql.startsWith("CREATE INDEX IDX_QRTZ_T_NEXT_FIRE_TIME"));
    }

    @Test
    void theH2ScriptHasItsTablesAndKeysAndNoComments() {
        List<String> statements = StoreSchema.statements(StoreSchema.Dialect.H2);

        assertThat(statements).filteredOn(sql -> sql.startsWith("CREATE TABLE")).hasSize(11);
        assertThat(statements).anyMatch(sql -> sql.startsWith("ALTER TABLE QRTZ_TRIGGERS ADD"));
        assertThat(statements).noneMatch(sql -> sql.contains("--"));
    }

    @Test
    void aJobStoredUnderTheSendJobsFormerClassNameLoadsAfterTheMove() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:moved-job;DB_CLOSE_DELAY=-1")) {
            StoreSchema.ensure(connection, StoreSchema.Dialect.H2);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP, JOB_CLASS_NAME,"
                        + " IS_DURABLE, IS_NONCONCURRENT, IS_UPDATE_DATA, REQUESTS_RECOVERY) VALUES ('newsletter',"
                        + " 'once-1', 'one-shot', '" + StoreSchema.SEND_JOB_BEFORE + "', TRUE, TRUE, FALSE, FALSE)");
            }

            StoreSchema.ensure(connection, StoreSchema.Dialect.H2);

            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT JOB_CLASS_NAME FROM QRTZ_JOB_DETAILS")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(SendJob.class.getName());
            }
        }
    }
}
