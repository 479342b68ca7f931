package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.BackstopException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {

    @TempDir
    Path dir;

    @Test
    void aPrivateDotenvFileGivesItsVariablesInOrder() throws IOException {
        Path file = write("secrets.env", """
                # production secrets
                DATABASE_URL=postgres://shop:pw@db/shop
                export SECRET_KEY_BASE='a b #c'
                GREETING="line one\\nline \\"two\\""
                PLAIN = value # a comment

                """, "rw-r-----");

        Map<String, String> values = EnvFile.read(file);

        assertThat(values)
                .containsExactly(
                        Map.entry("DATABASE_URL", "postgres://shop:pw@db/shop"),
                        Map.entry("SECRET_KEY_BASE", "a b #c"),
                        Map.entry("GREETING", "line one\nline \"two\""),
                        Map.entry("PLAIN", "value"));
    }

    @Test
    void aFileOthersMayReadIsRefusedWithTheModeAndTheFix() throws IOException {
        Path file = write("secrets.env", "TOKEN=s3cret\n", "rw-r--r--");

        assertThatThrownBy(() -> EnvFile.read(file))
                .isInstanceOf(UnsafeEnvFileException.class)
                .hasMessage("env_file '" + file
                        + "' is readable or writable by others (mode rw-r--r--); chmod 600 it (or 640 for a group).")
                .extracting(thrown -> ((BackstopException) thrown).exitCode())
                .isEqualTo(BackstopException.BAD_INPUT);
    }

    @Test
    void aFileOfAnotherUserIsRefused() throws IOException {
        Path file = write("secrets.env", "TOKEN=s3cret\n", "rw-------");
        UserPrincipal nobody =
                file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(file, nobody);

        assertThatThrownBy(() -> EnvFile.read(file))
                .hasMessage("env_file '" + file + "' belongs to 'nobody', not to '" + System.getProperty("user.name")
                        + "' who runs Backstop; chown " + System.getProperty("user.name") + " it.");
    }

    @Test
    void aMalformedLineIsNamedByNumberWithoutShowingItsContent() throws IOException {
        Path file = write("secrets.env", "TOKEN=ok\nhunter2\n", "rw-------");

        assertThatThrownBy(() -> EnvFile.read(file))
                .hasMessage(
                        "env_file '" + file + "' line 2 is not NAME=value; write it like DATABASE_URL=postgres://...")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void aMissingFileIsRefused() {
        Path file = dir.resolve("absent.env");

        assertThatThrownBy(() -> EnvFile.read(file))
                .hasMessage("env_file '" + file
                        + "' does not exist or cannot be read; create it (mode 0600) or remove it from env_file.");
    }

    @Test
    void passthroughThenFilesThenEnvWrittenInTheConfigWhichWins() throws IOException {
        String daemonVariable = System.getenv().keySet().stream()
                .filter(name -> !List.of("PATH", "HOME", "LANG").contains(name))
                .sorted()
                .findFirst()
                .orElseThrow();
        Path first = write("first.env", "A=from-first\nB=from-first\n", "rw-------");
        Path second = write("second.env", "B=from-second\nC=from-second\n", "rw-------");

        Map<String, String> env = ProcessEnvironment.compose(
                new EnvSources(List.of(first, second), List.of(daemonVariable)), Map.of("C", "from-config"));

        assertThat(env)
                .containsExactly(
                        Map.entry(daemonVariable, System.getenv(daemonVariable)),
                        Map.entry("A", "from-first"),
                        Map.entry("B", "from-second"),
                        Map.entry("C", "from-config"));
    }

    @Test
    void aPassthroughVariableTheDaemonLacksIsRefused() {
        EnvSources sources = new EnvSources(List.of(), List.of("BACKSTOP_TEST_SURELY_UNSET"));

        assertThatThrownBy(() -> ProcessEnvironment.compose(sources, Map.of()))
                .isInstanceOf(MissingPassthroughException.class)
                .hasMessageStartingWith(
                        "env_passthrough: 'BACKSTOP_TEST_SURELY_UNSET' is not set in the environment of the Backstop daemon;");
    }

    private Path write(String name, String text, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
