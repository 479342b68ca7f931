package dev.backstop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartWritesA256BitTokenReadableOnlyByItsOwner() throws Exception {
        Path data = dir.resolve("data");

        AdminToken token = AdminToken.loadOrCreate(data);

        Path file = data.resolve("admin.token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).isEqualTo(token.value()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void laterStartsReuseTheToken() {
        AdminToken first = AdminToken.loadOrCreate(dir);

        AdminToken second = AdminToken.loadOrCreate(dir);

        assertThat(second.value()).isEqualTo(first.value());
        assertThat(AdminToken.readIfPresent(dir)).map(AdminToken::value).hasValue(first.value());
    }

    @Test
    void noTemporaryFileIsLeftBehind() throws Exception {
        AdminToken.loadOrCreate(dir);

        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("admin.token");
        }
    }

    @Test
    void aTokenFileReadableByOthersIsRefusedWithTheChmodToRun() throws Exception {
        AdminToken.loadOrCreate(dir);
        Path file = dir.resolve("admin.token");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> AdminToken.loadOrCreate(dir))
                .isInstanceOf(UnsafeTokenFileException.class)
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("run 'chmod 600 " + file + "'");
        assertThatThrownBy(() -> AdminToken.readIfPresent(dir)).isInstanceOf(UnsafeTokenFileException.class);
    }

    @Test
    void aTokenFileWithoutATokenIsRefused() throws Exception {
        AdminToken.loadOrCreate(dir);
        Files.writeString(dir.resolve("admin.token"), "");

        assertThatThrownBy(() -> AdminToken.loadOrCreate(dir))
                .isInstanceOf(UnreadableTokenFileException.class)
                .hasMessageContaining("delete it and restart the daemon");
    }

    @Test
    void noTokenFileMeansNoToken() {
        assertThat(AdminToken.readIfPresent(dir)).isEmpty();
    }

    @Test
    void matchingComparesTheWholeToken() {
        AdminToken token = AdminToken.loadOrCreate(dir);

        assertThat(token.matches(token.value())).isTrue();
        assertThat(token.matches(token.value().substring(1))).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
