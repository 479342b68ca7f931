package dev.backstop.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code <state>/routes.json}: the routing table on disk, so a restarted or upgraded proxy serves
 * the same route at once. Writes go to a temporary file that is synced and renamed over the old
 * one, so a crash leaves either the old table or the new one. Thread-safe if callers serialise
 * writes (the {@link Router} does).
 */
final class RoutesFile {

    private final Path path;
    private final ObjectMapper mapper = ProxyJson.newMapper();

    RoutesFile(Path stateDirectory) {
        this.path = stateDirectory.resolve("routes.json");
    }

    Path path() {
        return path;
    }

    RoutingTable load() {
        if (!Files.exists(path)) {
            return RoutingTable.empty();
        }
        try {
            return mapper.readValue(path.toFile(), RoutingTable.class);
        } catch (IOException e) {
            throw new ProxyStateException(
                    "Could not read the routing table '" + path + "': " + e.getMessage()
                            + "; fix or remove the file and start the proxy again.",
                    e);
        }
    }

    void save(RoutingTable table) {
        try {
            // unique name: during a handover two proxies share the state directory
            Path temporary = Files.createTempFile(path.getParent(), "routes.json.", ".tmp");
            Files.write(temporary, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(table));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            move(temporary);
        } catch (IOException e) {
            throw new ProxyStateException(
                    "Could not write the routing table '" + path + "': " + e.getMessage()
                            + "; check that the state directory is writable and has free space.",
                    e);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
