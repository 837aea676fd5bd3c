package dev.newsletter.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.UnaryOperator;

/**
 * The log set-up, in code rather than a {@code logback.xml}: reading that file (an XML parser and
 * logback's configuration model) took about a tenth of a second of every command's start. Log lines go
 * to stderr, so stdout keeps the command's own output; our own classes log at {@code
 * NEWSLETTER_LOG_LEVEL} (default WARN); template errors are reported once, as file:line:column
 * problems, not also as a stack trace. A {@code -Dlogback.configurationFile} still wins.
 *
 * <p>Found by logback through {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    private final UnaryOperator<String> env;

    /**
     * With the process's environment (logback calls this); a system property of the same name wins,
     * as it did in {@code logback.xml}'s {@code ${NEWSLETTER_LOG_LEVEL:-WARN}}.
     */
    public LogSetup() {
        this(name -> System.getProperty(name, System.getenv(name)));
    }

    LogSetup(UnaryOperator<String> env) {
        this.env = env;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("dev.newsletter").setLevel(Level.toLevel(env.apply("NEWSLETTER_LOG_LEVEL"), Level.WARN));
        context.getLogger("org.subethamail").setLevel(Level.ERROR);
        context.getLogger("org.thymeleaf").setLevel(Level.WARN);
        context.getLogger("org.thymeleaf.TemplateEngine").setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
