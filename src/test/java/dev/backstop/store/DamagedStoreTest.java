package dev.backstop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.config.StoreLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite store files that are missing, empty or damaged, opened for real. */
class DamagedStoreTest {

    @TempDir
    Path data;

    @Test
    void aZeroByteFileOpensAsANewStore() throws IOException {
        Path file = Files.write(data.resolve("backstop.db"), new byte[0]);

        try (Store store = Store.open(StoreLocation.sqliteIn(data))) {
            long apps = store.jdbi()
                    .withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM apps")
                            .mapTo(Long.class)
                            .one());

            assertThat(apps).isZero();
        }
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void aDamagedDatabaseIsRefusedWithTheWayOutAndNotReplaced() throws IOException {
        byte[] damaged = Arrays.copyOf("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 8192);
        Arrays.fill(damaged, 16, damaged.length, (byte) 0x5a);
        Path file = Files.write(data.resolve("backstop.db"), damaged);

        assertThatThrownBy(() -> Store.open(StoreLocation.sqliteIn(data)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot open the store 'jdbc:sqlite:" + file + "'")
                .hasMessageContaining("move it aside (mv '" + file + "' '" + file + ".broken')");
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
        assertThat(names()).containsExactly("backstop.db");
    }

    @Test
    void aDamagedDatabaseIsRefusedPromptlyNotAfterThePoolsConnectionTimeout() throws IOException {
        byte[] damaged = Arrays.copyOf("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 8192);
        Arrays.fill(damaged, 16, damaged.length, (byte) 0x5a);
        Files.write(data.resolve("backstop.db"), damaged);
        long started = System.nanoTime();

        assertThatThrownBy(() -> Store.open(StoreLocation.sqliteIn(data)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("not a database");

        // The pool waits 10 s for a connection; a refusal that took half of that went through it.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(names()).containsExactly("backstop.db");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> children = Files.list(data)) {
            return children.map(child -> child.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
