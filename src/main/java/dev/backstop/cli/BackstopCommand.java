package dev.backstop.cli;

import picocli.CommandLine.Command;

/** The top-level {@code backstop} command: only a list of verbs. */
@Command(
        name = "backstop",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Rollback-first deployment guard: refuses a release that cannot boot, reverts a bad one by itself, never loses the way back.",
        subcommands = {
            DemoCommand.class,
            InitCommand.class,
            ServerCommand.class,
            ProxyCommand.class,
            ReleaseCommand.class,
            DeployCommand.class,
            RollbackCommand.class,
            PreflightCommand.class,
            StatusCommand.class,
            MaintenanceCommand.class,
            LogsCommand.class,
            QueuesCommand.class,
            TimelineCommand.class,
            HeartbeatsCommand.class,
            AlertsCommand.class,
            DoctorCommand.class,
            LockCommand.class,
            UnlockCommand.class,
            MigrationsCommand.class
        },
        footer = {
            "",
            "Example:",
            "  backstop init /srv/shop && backstop release import shop-1.4.2.tar.gz --version 1.4.2",
            "",
            "Exit codes: 0 ok, 1 failed operation, 2 bad usage or input."
        })
final class BackstopCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
