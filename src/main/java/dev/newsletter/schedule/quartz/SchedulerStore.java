package dev.newsletter.schedule.quartz;

import dev.newsletter.config.Config;
import dev.newsletter.config.SchedulerSettings;
import dev.newsletter.schedule.MemoryOutcomeStore;
import dev.newsletter.schedule.OutcomeStore;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.schedule.SchedulerUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.DBConnectionManager;

/**
 * A Quartz scheduler on the store the config chooses ({@code scheduler.store}):
 *
 * <ul>
 *   <li>{@code embedded} (the default): Quartz's JDBC job store in an H2 file database, {@code
 *       var/scheduler/quartz.mv.db}. H2's automatic mixed mode lets the {@code schedule} commands
 *       use the database while the daemon has it open (the first process serves it to the others
 *       on a loopback port); Quartz's row locks in the database keep them from racing.
 *   <li>{@code postgres}: the same job store in PostgreSQL ({@code scheduler.jdbcUrl}, the password
 *       from the environment variable {@code scheduler.passwordEnv}), clustered: daemons sharing
 *       the database fire each schedule once and recover each other's interrupted sends.
 *   <li>{@code memory}: Quartz's RAMJobStore; nothing survives the process.
 * </ul>
 *
 * The tables are created on first use from the SQL in the Quartz jar ({@link StoreSchema}).
 * Connections are pooled by HikariCP, through Quartz ({@code provider=hikaricp}). Opening a
 * store does not start the scheduler: the daemon starts it, the {@code schedule} commands only
 * read and change the store.
 */
final class SchedulerStore implements AutoCloseable {
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();
    private static final int THREADS = 4;

    private final Scheduler scheduler;
    private final String name;
    private final OutcomeStore outcomes;
    private final SchedulerSettings.Store kind;
    private final String description;
    private final Duration onTime;
    private final Duration idleWait;
    private final String dataSource;

    private SchedulerStore(
            Scheduler scheduler,
            String name,
            OutcomeStore outcomes,
            SchedulerSettings.Store kind,
            String description,
            Duration onTime,
            Duration idleWait,
            String dataSource) {
        this.dataSource = dataSource;
        this.idleWait = idleWait;
        this.scheduler = scheduler;
        this.name = name;
        this.outcomes = outcomes;
        this.kind = kind;
        this.description = description;
        this.onTime = onTime;
    }

    /**
     * Opens the store the config names, creating its tables if it has none.
     *
     * @throws SchedulerUnavailableException when the database cannot be reached or set up
     */
    static SchedulerStore open(Config config, Map<String, String> env, SchedulerTuning tuning) {
        SchedulerSettings settings = config.scheduler();
        String name = schedulerName(config);
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", name);
        properties.setProperty(
                "org.quartz.scheduler.idleWaitTime",
                Long.toString(tuning.idleWait().toMillis()));
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "newsletter-firing");
        properties.setProperty(
                "org.quartz.jobStore.misfireThreshold",
                Long.toString(tuning.onTime().toMillis()));
        String dataSource = "newsletter" + DATA_SOURCES.incrementAndGet();
        String description;
        StoreSchema.Dialect dialect = null;
        switch (settings.store()) {
            case MEMORY -> {
                properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
                description = "memory (nothing is kept when the daemon stops)";
            }
            case EMBEDDED -> {
                dialect = StoreSchema.Dialect.H2;
                Path file = embeddedDatabase(config);
                jdbc(properties, dataSource, dialect, false);
                // H2's automatic mixed mode serves the database to other processes of this project
                // (the schedule commands) while the daemon has it open: keep that server on loopback.
                if (System.getProperty("h2.bindAddress") == null) {
                    System.setProperty("h2.bindAddress", "127.0.0.1");
                }
                String url = "jdbc:h2:file:" + file.toAbsolutePath()
                        + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;LOCK_TIMEOUT=10000";
                dataSourceProperties(properties, dataSource, "org.h2.Driver", url, "newsletter", "");
                // several processes may use the file (daemon and commands): lock rows in the database
                properties.setProperty("org.quartz.jobStore.useDBLocks", "true");
                description = "embedded H2 database " + config.projectDir().relativize(file) + ".mv.db";
            }
            case POSTGRES -> {
                dialect = StoreSchema.Dialect.POSTGRES;
                jdbc(properties, dataSource, dialect, true);
                String password = env.getOrDefault(settings.passwordEnv(), "");
                dataSourceProperties(properties, dataSource, "org.postgresql.Driver", settings.jdbcUrl(), "", password);
                properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
                properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "7500");
                description = "PostgreSQL " + withoutParameters(settings.jdbcUrl()) + " (clustered)";
            }
            default -> throw new IllegalStateException("unknown store " + settings.store());
        }
        tuning.quartz().forEach(properties::setProperty);
        Duration onTime = millis(properties, "org.quartz.jobStore.misfireThreshold");
        Duration idleWait = millis(properties, "org.quartz.scheduler.idleWaitTime");
        Scheduler scheduler = instantiate(properties, name, description);
        try {
            OutcomeStore outcomes;
            if (dialect == null) {
                outcomes = new MemoryOutcomeStore();
            } else {
                createTables(dataSource, dialect, settings, env, description);
                outcomes = new JdbcOutcomeStore(
                        () -> DBConnectionManager.getInstance().getConnection(dataSource), name);
            }
            return new SchedulerStore(
                    scheduler,
                    name,
                    outcomes,
                    settings.store(),
                    description,
                    onTime,
                    idleWait,
                    dialect == null ? null : dataSource);
        } catch (RuntimeException e) {
            shutdownQuietly(scheduler);
            throw e;
        }
    }

    private static Duration millis(Properties properties, String name) {
        try {
            return Duration.ofMillis(Long.parseLong(properties.getProperty(name).strip()));
        } catch (NumberFormatException e) {
            throw new SchedulerUnavailableException("the Quartz property " + name + " must be milliseconds", e);
        }
    }

    /** The name the store keeps this project's schedules under: one database may serve several newsletters. */
    static String schedulerName(Config config) {
        return ScheduleKeys.fit("newsletter:" + config.newsletter().listId());
    }

    private static Path embeddedDatabase(Config config) {
        Path folder = config.varDir().resolve("scheduler");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
        return folder.resolve("quartz");
    }

    private static void jdbc(Properties properties, String dataSource, StoreSchema.Dialect dialect, boolean clustered) {
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", dialect.delegate);
        properties.setProperty("org.quartz.jobStore.dataSource", dataSource);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        properties.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(clustered));
    }

    private static void dataSourceProperties(
            Properties properties, String dataSource, String driver, String url, String user, String password) {
        String prefix = "org.quartz.dataSource." + dataSource + ".";
        properties.setProperty(prefix + "provider", "hikaricp");
        properties.setProperty(prefix + "driver", driver);
        properties.setProperty(prefix + "URL", url);
        properties.setProperty(prefix + "user", user);
        properties.setProperty(prefix + "password", password);
        // the firing threads, the misfire handler, the cluster manager, and our outcome records
        properties.setProperty(prefix + "maxConnections", Integer.toString(THREADS + 4));
        properties.setProperty(prefix + "minimumIdle", "1");
        properties.setProperty(prefix + "connectionTimeout", "10000");
        properties.setProperty(prefix + "poolName", dataSource);
    }

    /**
     * Quartz keeps schedulers in a JVM-wide registry by name, and would hand a second caller the
     * first one's scheduler: take ours out of it, so that a daemon and the schedule commands (in
     * tests, several of them) each have their own.
     */
    private static synchronized Scheduler instantiate(Properties properties, String name, String description) {
        try {
            Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
            SchedulerRepository.getInstance().remove(name);
            return scheduler;
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException("cannot open the scheduler store, " + description, rootOf(e));
        }
    }

    private static void createTables(
            String dataSource,
            StoreSchema.Dialect dialect,
            SchedulerSettings settings,
            Map<String, String> env,
            String description) {
        try (Connection connection = DBConnectionManager.getInstance().getConnection(dataSource)) {
            StoreSchema.ensure(connection, dialect);
        } catch (SQLException e) {
            String hint = dialect == StoreSchema.Dialect.POSTGRES
                            && env.getOrDefault(settings.passwordEnv(), "").isEmpty()
                    ? " (the password comes from the environment variable " + settings.passwordEnv()
                            + ", which is not set)"
                    : "";
            throw new SchedulerUnavailableException("cannot open the scheduler store, " + description + hint, e);
        }
    }

    private static Throwable rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String withoutParameters(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** Every trigger of a send in the store: the schedules, one-shots and handed-on sends (not the inbox poll). */
    List<Trigger> triggers() throws SchedulerException {
        List<Trigger> triggers = new ArrayList<>();
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.anyGroup())) {
            if (InboxPollJob.GROUP.equals(key.getGroup())) {
                continue;
            }
            Trigger trigger = scheduler.getTrigger(key);
            if (trigger != null) {
                triggers.add(trigger);
            }
        }
        return triggers;
    }

    OutcomeStore outcomes() {
        return outcomes;
    }

    SchedulerSettings.Store kind() {
        return kind;
    }

    /** Whether schedules added to this store outlive the process. */
    boolean persistent() {
        return kind != SchedulerSettings.Store.MEMORY;
    }

    boolean clustered() {
        return kind == SchedulerSettings.Store.POSTGRES;
    }

    String description() {
        return description;
    }

    /** The on-time tolerance in effect (Quartz's misfire threshold). */
    Duration onTime() {
        return onTime;
    }

    /** How often an idle scheduler looks for new triggers in effect (Quartz's idle wait). */
    Duration idleWait() {
        return idleWait;
    }

    /** The cluster's daemons that checked in recently (JDBC stores only). */
    List<String> clusterMembers(Instant now) {
        if (dataSource == null) {
            throw new IllegalStateException("the memory store has no database");
        }
        try (Connection connection = DBConnectionManager.getInstance().getConnection(dataSource)) {
            return StoreSchema.checkedIn(connection, name, now.toEpochMilli());
        } catch (SQLException e) {
            throw new SchedulerUnavailableException("cannot read the cluster's members", e);
        }
    }

    /** Shuts the scheduler down, waiting for running jobs, and closes the connection pool. */
    void shutdown(boolean waitForJobs) {
        try {
            if (!scheduler.isShutdown()) {
                scheduler.shutdown(waitForJobs);
            }
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException("cannot shut the scheduler down", e);
        }
    }

    @Override
    public void close() {
        shutdown(false);
    }

    private static void shutdownQuietly(Scheduler scheduler) {
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            // already failing: the first error is the one to report
        }
    }
}
