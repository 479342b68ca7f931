package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files that hold secrets are private even when Backstop runs under umask 000. */
class UmaskTest {

    @TempDir
    Path dir;

    @Test
    void initAndTheStoreArePrivateUnderAnOpenUmask() throws Exception {
        Path app = dir.resolve("shop");
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("VERSION"), "1\n");

        backstopUnderUmask000("init", app.toString(), "--app", "shop");
        Path config = app.resolve("backstop.yml");
        backstopUnderUmask000("release", "import", bundle.toString(), "--version", "1", "--config", config.toString());

        Path data = app.resolve(".backstop-data");
        assertThat(mode(config)).isEqualTo("rw-------");
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("backstop.db"))).isEqualTo("rw-------");
    }

    private void backstopUnderUmask000(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve("backstop.log");
        List<String> command = new ArrayList<>(List.of(
                "/bin/sh", "-c", "umask 000; exec \"$@\"", "sh", java, "-cp", classPath, "dev.backstop.cli.Main"));
        command.addAll(List.of(args));
        Process backstop = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(backstop.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(backstop.exitValue()).as(Files.readString(log)).isZero();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
