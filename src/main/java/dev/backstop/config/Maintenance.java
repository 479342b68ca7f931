package dev.backstop.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The 503 page served in maintenance mode.
 *
 * @param page an HTML file relative to the release (empty: Backstop's built-in page)
 * @param alertAfter {@code maintenance.alert_after}: maintenance left on longer than this alerts (a
 *     forgotten flag is an outage nobody is looking at)
 */
public record Maintenance(Optional<Path> page, Duration retryAfter, Duration alertAfter) {}
