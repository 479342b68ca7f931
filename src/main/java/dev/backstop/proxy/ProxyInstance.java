package dev.backstop.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a running proxy writes to {@code <state>/proxy-<pid>.json} so the daemon can find its
 * control port after a restart. Immutable, thread-safe.
 *
 * @param listen the public host:port
 */
public record ProxyInstance(long pid, int controlPort, String listen, Instant startedAt) {

    private static final ObjectMapper MAPPER = ProxyJson.newMapper();
    /** ProcessHandle's start instant is derived from the boot time in whole seconds: allow for that. */
    private static final Duration START_TIME_SLACK = Duration.ofSeconds(2);

    Path file(Path stateDirectory) {
        return stateDirectory.resolve("proxy-" + pid + ".json");
    }

    void write(Path stateDirectory) {
        Path file = file(stateDirectory);
        try {
            Path temporary = Files.createTempFile(stateDirectory, "proxy-" + pid + ".", ".tmp");
            MAPPER.writeValue(temporary.toFile(), this);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProxyStateException(
                    "Could not write '" + file + "': " + e.getMessage()
                            + "; check that the state directory is writable.",
                    e);
        }
    }

    /**
     * Every proxy that announced itself in {@code stateDirectory} and whose process is alive, newest
     * first. A live pid is not enough: after a reboot (or a crash) the announcement outlives the
     * proxy and the kernel may have given its pid to another program, which started after the
     * announcement; the real proxy started before it.
     */
    public static List<ProxyInstance> running(Path stateDirectory) {
        List<ProxyInstance> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(stateDirectory, "proxy-*.json")) {
            for (Path file : files) {
                Optional<ProxyInstance> announced = read(file);
                if (announced.isEmpty()) {
                    continue;
                }
                ProxyInstance instance = announced.get();
                if (ProcessHandle.of(instance.pid())
                        .filter(ProcessHandle::isAlive)
                        .filter(instance::announcedBy)
                        .isPresent()) {
                    found.add(instance);
                }
            }
        } catch (IOException e) {
            throw new ProxyStateException(
                    "Could not list the proxies in '" + stateDirectory + "': " + e.getMessage()
                            + "; check that the directory exists and is readable.",
                    e);
        }
        found.sort(Comparator.comparing(ProxyInstance::startedAt).reversed());
        return found;
    }

    /** Empty when the proxy removed its announcement between the listing and the read: it is gone. */
    private static Optional<ProxyInstance> read(Path file) throws IOException {
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), ProxyInstance.class));
        } catch (FileNotFoundException | NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    private boolean announcedBy(ProcessHandle process) {
        return process.info()
                .startInstant()
                .map(start -> !start.isAfter(startedAt.plus(START_TIME_SLACK)))
                .orElse(true);
    }
}
