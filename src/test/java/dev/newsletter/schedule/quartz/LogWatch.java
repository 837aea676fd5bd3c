package dev.newsletter.schedule.quartz;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Keeps what one class logs (at the levels the configuration lets through), so that a test can
 * wait for the moment something happened inside, such as a send being told to stop, instead of
 * guessing how long it takes.
 */
public final class LogWatch implements AutoCloseable {
    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            messages.add(event.getFormattedMessage());
        }
    };

    public LogWatch(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    public boolean saw(String fragment) {
        return messages.stream().anyMatch(message -> message.contains(fragment));
    }

    public String text() {
        return String.join("\n", messages);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
