package dev.backstop.server;

import dev.backstop.config.BackstopConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code backstop server} runs for one app: the {@link AdminServer} and the
 * {@link DaemonModule}s, plus {@code <data>/daemon.pid}.
 *
 * <p>One daemon per app: binding the admin port is the lock. It is taken first, before the pid
 * file is written or any module starts, so a second daemon for the same app stops with
 * {@link AdminPortInUseException} having changed nothing. The lock is released by the kernel
 * however the daemon ends, even on SIGKILL, so there is never a stale lock to clean up.
 *
 * <p>Stopping closes the modules in reverse start order, each on its own named thread, within a
 * shared time budget; a module still busy when the budget runs out is logged and left behind so
 * that the daemon always finishes stopping. A daemon is started once. Thread-safe.
 */
public final class Daemon {

    /** Stays well inside systemd's stop timeout (TimeoutStopSec=45 in the shipped unit). */
    public static final Duration DEFAULT_STOP_BUDGET = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final BackstopConfig config;
    private final List<ApiRoutes> routes;
    private final List<DaemonModule> modules;
    private final Duration stopBudget;
    private final DaemonIdentity identity;
    private final Deque<DaemonModule> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private AdminServer adminServer;
    private boolean running;

    public Daemon(BackstopConfig config, List<ApiRoutes> routes, List<DaemonModule> modules) {
        this(config, routes, modules, DEFAULT_STOP_BUDGET);
    }

    public Daemon(BackstopConfig config, List<ApiRoutes> routes, List<DaemonModule> modules, Duration stopBudget) {
        this.config = config;
        this.routes = List.copyOf(routes);
        this.modules = List.copyOf(modules);
        this.stopBudget = stopBudget;
        this.identity = DaemonIdentity.current(config.app());
    }

    /** Takes the app's lock (the admin port), writes the pid file, starts the modules; returns the admin address. */
    public synchronized InetSocketAddress start() {
        if (adminServer != null) {
            throw new IllegalStateException("a daemon is started only once");
        }
        AdminToken token = AdminToken.loadOrCreate(config.data());
        adminServer = new AdminServer(config.admin(), token, identity, routes);
        InetSocketAddress address = adminServer.start();
        running = true;
        try {
            PidFile.write(config.data(), identity);
            modules.forEach(this::startModule);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info(
                "Backstop {} daemon for app '{}' is up: admin API on {}:{}, pid {}, data {}",
                identity.version(),
                config.app(),
                address.getHostString(),
                address.getPort(),
                identity.pid(),
                config.data());
        return address;
    }

    /** Stops the modules (reverse order, bounded time), the admin API and removes the pid file; idempotent. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        LOG.info("stopping the daemon for app '{}'", config.app());
        Instant deadline = Instant.now().plus(stopBudget);
        while (!started.isEmpty()) {
            closeWithin(started.pop(), deadline);
        }
        adminServer.stop();
        PidFile.delete(config.data());
        stopped.countDown();
        LOG.info("the daemon for app '{}' has stopped", config.app());
    }

    /** Blocks until {@link #stop()} has completed. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public DaemonIdentity identity() {
        return identity;
    }

    private void startModule(DaemonModule module) {
        LOG.info("starting {}", module.name());
        module.start();
        started.push(module);
    }

    private void closeWithin(DaemonModule module, Instant deadline) {
        Thread closer = new Thread(() -> close(module), "backstop-stop-" + module.name());
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn(
                    "{} did not stop within the stop budget of {} ms; leaving it behind so that the daemon"
                            + " can finish stopping",
                    module.name(),
                    stopBudget.toMillis());
        }
    }

    private static void close(DaemonModule module) {
        try {
            module.close();
            LOG.info("stopped {}", module.name());
        } catch (RuntimeException e) {
            LOG.warn("{} failed while stopping", module.name(), e);
        }
    }
}
