package io.jmfs.daemon;

import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.config.ConfigException;
import io.jmfs.daemon.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a daemon's service, on the calling thread: start, then reload and stop requests in arrival order,
 * so the service never sees two calls at once. Signals only enqueue requests.
 */
final class DaemonLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DaemonLifecycle.class);

    private enum Request { RELOAD, STOP }

    private final DaemonDefinition daemon;
    private final DaemonOptions options;
    private final SignalSource signals;
    private final PrintStream err;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private Config config;

    DaemonLifecycle(DaemonDefinition daemon, Config config, DaemonOptions options, SignalSource signals,
            PrintStream err) {
        this.daemon = daemon;
        this.config = config;
        this.options = options;
        this.signals = signals;
        this.err = err;
    }

    /** Runs the service until a stop request; returns the exit status. */
    int run() throws InterruptedException {
        // Installed before starting so that a SIGTERM during a long start still ends in a clean stop.
        signals.install(() -> requests.add(Request.RELOAD), () -> requests.add(Request.STOP));
        err.println("initializing " + daemon.name() + " modules ...");
        DaemonService service = daemon.serviceFactory().get();
        try {
            service.start(config, options);
        } catch (Exception e) {
            log.error("{} failed to start", daemon.name(), e);
            err.println("init: " + describe(e));
            err.println("error occurred during initialization - exiting");
            stopQuietly(service);
            return 1;
        }
        log.info("{} daemon initialized properly", daemon.name());
        err.println(daemon.name() + " daemon initialized properly");
        err.flush();
        if (options.readyFile().isPresent()) {
            try {
                BackgroundStart.reportReady(options.readyFile().get());
            } catch (IOException e) {
                log.warn("could not tell the starting command that the daemon is up: {}", e.getMessage());
            }
        }
        while (requests.take() == Request.RELOAD) {
            reload(service);
        }
        log.info("{} stopping", daemon.name());
        err.println("exiting ...");
        stopQuietly(service);
        log.info("{} stopped", daemon.name());
        err.println("process exited successfully (status:0)");
        return 0;
    }

    private void reload(DaemonService service) {
        Path file = config.source().orElse(daemon.defaultConfigFile());
        Config fresh;
        try {
            fresh = new ConfigLoader(daemon.schema(), log::warn).load(file);
        } catch (ConfigException e) {
            log.error("reload refused, keeping the running configuration: {}", e.getMessage());
            return;
        }
        try {
            service.reload(fresh);
            config = fresh;
            log.info("configuration reloaded from {}", file);
        } catch (Exception e) {
            log.error("reload of {} failed", file, e);
        }
    }

    private void stopQuietly(DaemonService service) {
        try {
            service.stop();
        } catch (RuntimeException e) {
            log.error("{} did not stop cleanly", daemon.name(), e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message != null ? message : e.getClass().getSimpleName();
    }
}
