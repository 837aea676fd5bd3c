package dev.newsletter.schedule.quartz;

import static org.assertj.core.api.Assertions.assertThat;

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
}
