package dev.backstop.maintenance;

import dev.backstop.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintenance mode in {@code restart} switch mode, where Backstop holds no traffic: it writes two
 * files under {@code <root>/maintenance/} and the user's nginx or Apache (see docs/nginx.md)
 * answers every request with 503, {@code Retry-After} and the page while the flag exists.
 * <ul>
 *   <li>{@code maintenance.html}: the page, the app's own or Backstop's built-in one;</li>
 *   <li>{@code on}: the flag, JSON {@code {"since", "message", "by"}}. An empty or hand-written flag
 *       ({@code touch on}) counts as on, since its modification time.</li>
 * </ul>
 * Both are written atomically (temporary file, then rename); the flag is written last and removed
 * first, so the web server never sees the flag without a complete page.
 * <p>
 * This class touches only the file system: recording {@code maintenance.on/off} events in the store
 * and the timeline is the caller's job. Thread-safe: {@link #on} and {@link #off} are serialised
 * within this instance; the files are the only state.
 */
public final class MaintenanceMode {

    static final String FLAG = "on";
    static final String PAGE = "maintenance.html";
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceMode.class);

    private final Path directory;
    private final Clock clock;

    /** @param root the app's {@code root:}; the files live in {@code <root>/maintenance/} */
    public MaintenanceMode(Path root, Clock clock) {
        this.directory = root.toAbsolutePath().normalize().resolve("maintenance");
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    /** Turns maintenance on with Backstop's built-in page showing {@code message} (HTML-escaped). */
    public MaintenanceStatus on(String message, String actor) {
        return on(message, actor, Optional.empty());
    }

    /**
     * Turns maintenance on, or updates the message and page when it is on already (keeping
     * {@code since}). An unreadable {@code appPage} falls back to the built-in page: an operator
     * turning maintenance on during an incident must not be stopped by a missing file.
     *
     * @param appPage the app's {@code maintenance.page} resolved against the LIVE release directory
     */
    public synchronized MaintenanceStatus on(String message, String actor, Optional<Path> appPage) {
        MaintenanceStatus status =
                new MaintenanceStatus(status().map(MaintenanceStatus::since).orElseGet(clock::instant), message, actor);
        try {
            createDirectory();
            AtomicFile.replace(directory.resolve(PAGE), MaintenancePage.render(appPage, message));
            AtomicFile.replace(flag(), Json.mapper().writeValueAsBytes(status));
        } catch (IOException e) {
            throw MaintenanceFailedException.turningOn(directory, e);
        }
        LOG.info("maintenance on by {}: {}", actor, message);
        return status;
    }

    /**
     * Turns maintenance off by removing the flag. The page is left in place: a request that saw
     * the flag a moment earlier may still be reading it, and without the flag nothing serves it.
     *
     * @return the status that ended, empty when maintenance was off already
     */
    public synchronized Optional<MaintenanceStatus> off(String actor) {
        Optional<MaintenanceStatus> ended = status();
        try {
            Files.deleteIfExists(flag());
        } catch (IOException e) {
            throw MaintenanceFailedException.turningOff(flag(), e);
        }
        ended.ifPresent(status -> LOG.info("maintenance off by {} (on since {})", actor, status.since()));
        return ended;
    }

    /** Whether the flag exists, and what it says. */
    public Optional<MaintenanceStatus> status() {
        try {
            byte[] content = Files.readAllBytes(flag());
            return Optional.of(parse(content));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // the web server decides by existence alone, so an unreadable flag still means "on"
            return Optional.of(handWritten());
        }
    }

    /** Whether maintenance is on and has been for longer than {@code warnAfter}. */
    public boolean isForgotten(Duration warnAfter, Clock now) {
        return status().map(status -> status.isForgotten(warnAfter, now)).orElse(false);
    }

    private MaintenanceStatus parse(byte[] content) {
        try {
            MaintenanceStatus status = Json.mapper().readValue(content, MaintenanceStatus.class);
            return status == null ? handWritten() : status;
        } catch (IOException e) {
            return handWritten(); // "touch on" by an operator, or JSON we did not write
        }
    }

    private MaintenanceStatus handWritten() {
        try {
            return new MaintenanceStatus(Files.getLastModifiedTime(flag()).toInstant(), "", "unknown");
        } catch (IOException e) {
            return new MaintenanceStatus(clock.instant(), "", "unknown");
        }
    }

    private void createDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            // the web server's user must reach the flag and page; the unit's UMask=0027 would stop it
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private Path flag() {
        return directory.resolve(FLAG);
    }
}
