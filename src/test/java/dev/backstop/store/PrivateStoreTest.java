package dev.backstop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.StoreLocation;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateStoreTest {

    @TempDir
    Path temp;

    @Test
    void theDataFolderIsCreatedOwnerOnlyAndTheStoreFilesReadableByTheOwnerOnly() throws IOException {
        Path data = temp.resolve("data");

        try (Store store = Store.open(StoreLocation.sqliteIn(data))) {
            new Timeline(store.jdbi()).append(Event.ofApp("shop", "ops", "app.note", "written"));

            assertThat(mode(data)).isEqualTo("rwx------");
            try (var files = Files.list(data)) {
                assertThat(files.filter(file -> file.getFileName().toString().startsWith("backstop.db")))
                        .extracting(file -> file.getFileName().toString())
                        .contains("backstop.db", "backstop.db-wal")
                        .allSatisfy(name ->
                                assertThat(mode(data.resolve(name))).as(name).isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void aStoreLeftReadableByOthersIsMadeOwnerOnlyWhenOpened() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Store.open(StoreLocation.sqliteIn(data)).close();
        Files.setPosixFilePermissions(data.resolve("backstop.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        Store.open(StoreLocation.sqliteIn(data)).close();

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("backstop.db"))).isEqualTo("rw-------");
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
