package io.jmfs.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback in code, so that the daemons need no logback.xml and the file lands in DATA_PATH.
 *
 * <p>The log file keeps {@value #KEPT_FILES} older generations ({@code mfsmaster.log.1} ...) of up to
 * {@value #MAX_FILE_SIZE} each. Netty's own chatter stays at INFO unless {@code -d} is given.
 */
public final class LogbackSetup implements LoggingSetup {

    static final int KEPT_FILES = 5;
    static final String MAX_FILE_SIZE = "64MB";
    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
    private static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    private final String ident;

    /** @param ident names the daemon in the log context (MooseFS's SYSLOG_IDENT) */
    public LogbackSetup(String ident) {
        this.ident = ident;
    }

    @Override
    public void toConsole(boolean debug) {
        LoggerContext context = resetContext();
        ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.start();
        attach(context, console, debug);
    }

    @Override
    public void toFile(Path logFile, boolean debug) {
        LoggerContext context = resetContext();
        RollingFileAppender<ch.qos.logback.classic.spi.ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile(logFile.toString());
        file.setEncoder(encoder(context, FILE_PATTERN));

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(logFile + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEPT_FILES);
        rolling.start();

        SizeBasedTriggeringPolicy<ch.qos.logback.classic.spi.ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
        trigger.start();

        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.start();
        attach(context, file, debug);
    }

    private LoggerContext resetContext() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.setName(ident);
        return context;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static void attach(LoggerContext context, Appender<ch.qos.logback.classic.spi.ILoggingEvent> appender,
            boolean debug) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(debug ? Level.DEBUG : Level.INFO);
        root.addAppender(appender);
        context.getLogger("io.netty").setLevel(debug ? Level.DEBUG : Level.INFO);
    }
}
