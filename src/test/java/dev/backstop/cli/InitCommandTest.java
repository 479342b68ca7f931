package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {

    @TempDir
    Path temp;

    @Test
    void initWritesAConfigThatLoadsWithTheAppLivingInThatDirectory() {
        Path dir = temp.resolve("shop");

        Cli init = Cli.run("init", dir.toString(), "--app", "shop");

        assertThat(init.exitCode()).isZero();
        assertThat(init.out()).startsWith("Wrote " + dir.resolve("backstop.yml") + " for app 'shop'.");
        BackstopConfig config = new ConfigLoader().load(dir.resolve("backstop.yml"));
        assertThat(config.app()).isEqualTo("shop");
        assertThat(config.root()).isEqualTo(dir);
        assertThat(config.data().startsWith(dir)).as(config.data().toString()).isTrue();
        assertThat(config.keepReleases()).isEqualTo(5);
    }

    @Test
    void initWritesTheConfigReadableByItsOwnerOnlyBecauseSecretsGoInIt() throws IOException {
        Path dir = temp.resolve("shop");

        Cli init = Cli.run("init", dir.toString(), "--app", "shop");

        assertThat(init.exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("backstop.yml"))))
                .isEqualTo("rw-------");
    }

    @Test
    void initRefusesToOverwriteAnExistingConfig() throws IOException {
        Path file = Cli.init(temp);
        Files.writeString(file, "# mine\n", StandardOpenOption.APPEND);
        String before = Files.readString(file);

        Cli again = Cli.run("init", temp.toString(), "--app", "shop");

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err())
                .isEqualTo("backstop: \"" + file + "\" already exists; edit it, or move it away to write a fresh one."
                        + System.lineSeparator());
        assertThat(Files.readString(file)).isEqualTo(before);
    }
}
