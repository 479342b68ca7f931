package dev.backstop.cli;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.demo.DemoHost;
import dev.backstop.demo.DeployDemo;
import dev.backstop.server.AppServices;
import dev.backstop.server.Daemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backstop demo}: Backstop at work on the example shop, in a temporary directory. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Show Backstop at work on the bundled example shop, in a temporary directory with an embedded SQLite store.",
        footer = {"", "Example:", "  bin/backstop demo --dir /tmp/shop-demo"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Work here instead of a new temporary directory (must not exist yet).")
    Path dir;

    @Override
    public Integer call() {
        Path workDir = dir != null ? dir : newTemporaryDirectory();
        if (dir != null && Files.exists(dir)) {
            throw new dev.backstop.BadInputException(
                    "demo directory '" + dir + "' already exists; pass a new path or leave --dir out.");
        }
        return new DeployDemo(spec.commandLine().getOut(), new InProcessHost()).run(workDir) == 0
                ? ExitCode.OK
                : ExitCode.FAILED;
    }

    /** The demo's commands run in this JVM, through the same picocli commands a user types. */
    private static final class InProcessHost implements DemoHost {

        @Override
        public int backstop(String... args) {
            return Main.commandLine().execute(args);
        }

        @Override
        public RunningDaemon startDaemon(Path configFile) {
            BackstopConfig config = new ConfigLoader().load(configFile);
            AppServices services = new AppServices(config);
            Daemon daemon = ServerCommand.assemble(config, services);
            daemon.start();
            return () -> {
                services.stopAppAndProxy();
                daemon.stop();
            };
        }
    }

    private static Path newTemporaryDirectory() {
        try {
            return Files.createTempDirectory("backstop-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
