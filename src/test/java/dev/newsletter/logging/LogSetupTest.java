package dev.newsletter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The log set-up that replaced logback.xml: the same levels, stderr, and the level from the environment. */
class LogSetupTest {
    private static LoggerContext configured(Map<String, String> env) {
        LoggerContext context = new LoggerContext();
        assertThat(new LogSetup(env::get).configure(context))
                .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return context;
    }

    @Test
    void logsWarningsToStderrAndKeepsTemplateStackTracesOut() {
        LoggerContext context = configured(Map.of());

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR"))
                .isInstanceOfSatisfying(
                        ConsoleAppender.class,
                        appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
        assertThat(context.getLogger("dev.newsletter").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.subethamail").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.thymeleaf").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.thymeleaf.TemplateEngine").getLevel()).isEqualTo(Level.OFF);
    }

    @Test
    void ourLevelComesFromTheEnvironment() {
        assertThat(configured(Map.of("NEWSLETTER_LOG_LEVEL", "debug"))
                        .getLogger("dev.newsletter")
                        .getLevel())
                .isEqualTo(Level.DEBUG);
        assertThat(configured(Map.of("NEWSLETTER_LOG_LEVEL", "nonsense"))
                        .getLogger("dev.newsletter")
                        .getLevel())
                .isEqualTo(Level.WARN);
    }

    @Test
    void logbackFindsItAsItsConfigurator() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        assertThat(context.getLogger("org.thymeleaf.TemplateEngine").getLevel()).isEqualTo(Level.OFF);
    }
}
