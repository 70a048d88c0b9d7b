package io.jmfs.client.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/mfs}: MooseFS file operations and tools without a mount, for scripts and for hosts without FUSE. Paths
 * are absolute inside the mounted subfolder ({@code -S}, default the whole filesystem).
 */
@Command(name = "mfs", mixinStandardHelpOptions = true, version = "jmfs mfs 0.1.0 (MooseFS 3.0.117 protocol)",
        description = "MooseFS client commands against a master named with -H.",
        subcommands = {LsCommand.class, StatCommand.class, MkdirCommand.class, PutCommand.class, GetCommand.class,
                CatCommand.class, RmCommand.class, MvCommand.class, LnCommand.class, GetGoalCommand.class,
                SetGoalCommand.class, GetTrashTimeCommand.class, SetTrashTimeCommand.class, GetEattrCommand.class,
                SetEattrCommand.class, FileInfoCommand.class, CheckFileCommand.class, DirInfoCommand.class,
                MakeSnapshotCommand.class, AppendChunksCommand.class, GetQuotaCommand.class, SetQuotaCommand.class,
                DelQuotaCommand.class, CopyQuotaCommand.class})
public final class MfsMain {
    private MfsMain() {
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args));
    }

    /**
     * A command-line tool reports through its output and exit code; the library's log only shows problems (level
     * from $MFS_LOG_LEVEL, default WARN) and goes to stderr, never into the data that get/cat write to stdout.
     */
    private static void quietLogging() {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return;
        }
        context.reset();
        ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder =
                new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> stderr =
                new ch.qos.logback.core.ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        String level = System.getenv().getOrDefault("MFS_LOG_LEVEL", "WARN");
        root.setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.WARN));
    }

    public static int run(String... args) {
        return new CommandLine(MfsMain.class).execute(args);
    }
}
