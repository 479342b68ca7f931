package dev.backstop.server;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.SwitchMode;
import dev.backstop.deploy.CommandRunner;
import dev.backstop.deploy.CrashLoopAlerts;
import dev.backstop.deploy.CrashLoopRollback;
import dev.backstop.deploy.DeployAlerts;
import dev.backstop.deploy.DeployChecks;
import dev.backstop.deploy.DeployLedger;
import dev.backstop.deploy.DeployOutput;
import dev.backstop.deploy.DeployPipeline;
import dev.backstop.deploy.DeployPlanner;
import dev.backstop.deploy.DeployRecovery;
import dev.backstop.deploy.Deployer;
import dev.backstop.deploy.EnvVault;
import dev.backstop.deploy.HookRunner;
import dev.backstop.deploy.MigrateStep;
import dev.backstop.deploy.OperatorLock;
import dev.backstop.deploy.Preflight;
import dev.backstop.deploy.ProxySwitch;
import dev.backstop.deploy.ReleaseConfig;
import dev.backstop.deploy.RestartSwitch;
import dev.backstop.deploy.Rollback;
import dev.backstop.deploy.ServingReleases;
import dev.backstop.deploy.TrafficSwitch;
import dev.backstop.maintenance.MaintenanceMode;
import dev.backstop.migrate.MigrationLedger;
import dev.backstop.proxy.ProxyControlClient;
import dev.backstop.proxy.ProxyLauncher;
import dev.backstop.release.CatalogRebuild;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.release.ReleaseStore;
import dev.backstop.release.StoreDisagreement;
import dev.backstop.run.FileProcessLedger;
import dev.backstop.run.InstanceStatus;
import dev.backstop.run.OrphanSweep;
import dev.backstop.run.PortAllocator;
import dev.backstop.run.Supervisor;
import dev.backstop.run.SupervisorSettings;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import dev.backstop.verify.BakeWindow;
import dev.backstop.verify.CrashLoops;
import dev.backstop.verify.HealthProbe;
import dev.backstop.verify.WorkerExits;
import dev.backstop.watch.AlertBook;
import dev.backstop.watch.AlertOutbox;
import dev.backstop.watch.SmtpPasswords;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The daemon's working parts for one app, built when the daemon starts (after it holds the app's
 * lock, so a second daemon never touches the store or the processes): store, supervisor (which
 * re-adopts the app's processes), proxy, deploy pipeline; then the recovery of interrupted deploys.
 * Closing leaves the app and the proxy running, and a deploy in flight is not interrupted: the
 * next start recovers it, exactly as after a crash. Thread-safe once started.
 */
public final class AppServices implements DaemonModule {

    /** How long one webhook POST may take. */
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(5);

    private final BackstopConfig config;
    private final Clock clock = Clock.systemUTC();
    private volatile Started started;

    /** What exists while the daemon runs. */
    record Started(
            Store store,
            Timeline timeline,
            ReleaseStore releases,
            DeployLedger ledger,
            Supervisor supervisor,
            TrafficSwitch traffic,
            Deployer deployer,
            ExecutorService deployThread,
            AlertOutbox alerts) {}

    public AppServices(BackstopConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "app";
    }

    @Override
    public void start() {
        Store store = Store.open(config.store());
        Timeline timeline = new Timeline(store.jdbi());
        ReleaseStore releases = new ReleaseStore(config, new ReleaseCatalog(store.jdbi(), timeline), clock);
        // Before anything reads the catalog: an emptied store must not make the live release look unknown.
        new CatalogRebuild(config, releases.catalog(), clock)
                .rebuildIfEmpty(() -> ServingReleases.of(config).live(), "backstop");
        DeployLedger ledger = new DeployLedger(store.jdbi(), timeline, clock);
        sealOldSnapshots(store, ledger);
        if (ledger.unfinished(config.app()).isEmpty()) {
            // A store restored from an older backup names an older live release: what serves wins, never a silent
            // rollback.
            new StoreDisagreement(config, releases.catalog(), clock)
                    .adoptServing(ServingReleases.of(config).live(), "backstop");
        }
        forgetValuesOfPrunedReleases(releases.catalog(), ledger);
        // Alerts left pending by the daemon before (stopped, crashed, killed) go out from here on.
        AlertOutbox alerts = AlertOutbox.of(
                        new AlertBook(store.jdbi(), timeline, config.app()),
                        config.alerts(),
                        ALERT_TIMEOUT,
                        config.logsDir().resolve("alerts.log"),
                        new SmtpPasswords(config.file(), config.envSources(), System::getenv))
                .start();
        // The supervisor hears crash loops before the deployer that would roll back exists.
        AtomicReference<Deployer> deployerOnceBuilt = new AtomicReference<>();
        CrashLoops crashLoops = new CrashLoops();
        WorkerExits workerExits = new WorkerExits();
        Supervisor supervisor = Supervisor.open(
                SupervisorSettings.of(config.logsDir(), config.supervision()),
                new FileProcessLedger(config.data()),
                new SupervisorListeners(
                        new TimelineListener(config.app(), timeline),
                        crashLoops,
                        workerExits,
                        new CrashLoopAlerts(
                                config.app(), releases.catalog(), ledger, alerts, "http://" + config.admin()),
                        new CrashLoopRollback(
                                config.app(),
                                config.supervision().onCrashLoop(),
                                releases.catalog(),
                                ledger,
                                () -> Optional.ofNullable(deployerOnceBuilt.get()),
                                clock)));
        stopOrphans(releases.catalog(), supervisor, timeline);
        HealthProbe probe = new HealthProbe();
        TrafficSwitch traffic = trafficSwitch(supervisor, probe);
        ReleaseCatalog catalog = releases.catalog();
        DeployChecks checks = new DeployChecks(
                new Preflight(CommandRunner.locate(), config.logsDir()),
                new HookRunner(CommandRunner.locate(), config.logsDir()));
        BakeWindow bakeWindow = new BakeWindow(probe, clock, crashLoops, workerExits);
        MigrateStep migrations = new MigrateStep(
                CommandRunner.locate(), config.logsDir(), new MigrationLedger(store.jdbi(), clock), timeline);
        DeployAlerts deployAlerts = new DeployAlerts(alerts, "http://" + config.admin());
        Rollback rollback = new Rollback(ledger, catalog, traffic, checks, bakeWindow, deployAlerts, migrations);
        DeployPipeline pipeline = new DeployPipeline(
                ledger,
                catalog,
                traffic,
                checks,
                bakeWindow,
                rollback,
                new DeployOutput(config.logsDir()),
                migrations,
                deployAlerts);
        DeployPlanner planner = new DeployPlanner(config, catalog, ledger);
        ExecutorService deployThread = Executors.newSingleThreadExecutor(daemonThread("backstop-deploy"));
        Deployer deployer = new Deployer(
                config,
                releases,
                ledger,
                new OperatorLock(store.jdbi(), timeline, clock),
                planner,
                pipeline,
                deployThread);
        new DeployRecovery(ledger, catalog, planner, pipeline, rollback, traffic, timeline)
                .recover(config.app(), deployThread);
        deployerOnceBuilt.set(deployer);
        // Only now do API requests get through: a deploy or maintenance change accepted while recovery
        // still moves traffic and processes would race it on the supervisor and the proxy.
        started = new Started(store, timeline, releases, ledger, supervisor, traffic, deployer, deployThread, alerts);
    }

    @Override
    public void close() {
        Started running = started;
        if (running == null) {
            return;
        }
        running.deployThread().shutdown();
        running.alerts().close();
        running.supervisor().close();
        running.store().close();
    }

    /**
     * Stops the app's processes and retires the proxy: for the demo and tests, which must leave
     * nothing running. A real daemon never does this on its own.
     */
    public void stopAppAndProxy() {
        Started running = started;
        if (running == null) {
            return;
        }
        running.supervisor().stopAll();
        if (config.switchMode() == SwitchMode.PROXY) {
            dev.backstop.proxy.ProxyInstance.running(config.data().resolve("proxy"))
                    .forEach(instance -> new dev.backstop.proxy.ProxyControlClient(
                                    instance.controlPort(),
                                    dev.backstop.proxy.ControlToken.readOrCreate(
                                            config.data().resolve("proxy")))
                            .retire());
        }
    }

    /**
     * A client of the app's running proxy for metrics; empty in restart mode, where there is none.
     * Connects afresh each time, so a proxy replaced by a newer one is found.
     *
     * @throws dev.backstop.proxy.ProxyControlException when proxy mode is on but no proxy runs
     */
    public java.util.Optional<ProxyControlClient> proxy() {
        if (config.switchMode() != SwitchMode.PROXY) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ProxyControlClient.connect(config.data().resolve("proxy")));
    }

    /** The running parts; a request that arrives while the daemon is still starting is told to retry. */
    Started started() {
        Started running = started;
        if (running == null) {
            throw new DaemonStartingException(config.app());
        }
        return running;
    }

    /** What the watches of the live release act through; throws {@link DaemonStartingException} until started. */
    dev.backstop.live.LiveParts liveParts() {
        Started running = started();
        return new dev.backstop.live.LiveParts(
                running.supervisor(),
                running.releases(),
                running.ledger(),
                running.timeline(),
                running.alerts(),
                "http://" + config.admin());
    }

    /** Snapshots written before env values were sealed held them in plain text: seal them, leave no trace. */
    private void sealOldSnapshots(Store store, DeployLedger ledger) {
        EnvVault vault = EnvVault.in(config.data());
        if (ledger.rewriteSnapshots(config.app(), json -> ReleaseConfig.resealed(json, vault)) > 0) {
            store.compact();
        }
    }

    /** Sealed env values that only pruned releases needed would otherwise stay on disk forever. */
    private void forgetValuesOfPrunedReleases(ReleaseCatalog catalog, DeployLedger ledger) {
        Set<String> kept = catalog.list(config.app()).stream()
                .filter(release -> release.state() != ReleaseState.PRUNED)
                .map(Release::id)
                .collect(Collectors.toSet());
        EnvVault.in(config.data()).keepOnlyValuesOf(ledger.snapshotsOf(config.app(), kept));
    }

    /** Processes started just before a crash, too late to be recorded, would run unsupervised forever. */
    private void stopOrphans(ReleaseCatalog catalog, Supervisor supervisor, Timeline timeline) {
        Set<String> releaseIds =
                catalog.list(config.app()).stream().map(Release::id).collect(Collectors.toSet());
        Set<Long> supervised = supervisor.status().stream()
                .map(InstanceStatus::pid)
                .filter(pid -> pid > 0)
                .collect(Collectors.toSet());
        for (OrphanSweep.Orphan orphan : OrphanSweep.stopOrphans(releaseIds, supervised)) {
            timeline.append(Event.ofApp(
                    config.app(),
                    "backstop",
                    "process.orphan-stopped",
                    "stopped pid " + orphan.pid() + " of release " + orphan.releaseId() + " ('" + orphan.command()
                            + "'): started before the daemon's last crash but never recorded"));
        }
    }

    private TrafficSwitch trafficSwitch(Supervisor supervisor, HealthProbe probe) {
        if (config.switchMode() == SwitchMode.RESTART) {
            return new RestartSwitch(
                    config.root(),
                    config.logsDir(),
                    config.restartCommand().orElseThrow(),
                    CommandRunner.locate(),
                    probe,
                    new MaintenanceMode(config.root(), clock),
                    config.maintenance().page());
        }
        ProxyLauncher launcher = new ProxyLauncher(
                config.data().resolve("proxy"), config.file(), config.logsDir().resolve("proxy.log"));
        launcher.ensureRunning();
        return new ProxySwitch(
                supervisor,
                new PortAllocator(),
                launcher::ensureRunning,
                probe,
                config.workersOverlap(),
                config.proxy().drainTimeout());
    }

    private static java.util.concurrent.ThreadFactory daemonThread(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            // A deploy in flight must not hold the daemon up when it stops: recovery picks it up at the next start.
            thread.setDaemon(true);
            return thread;
        };
    }
}
