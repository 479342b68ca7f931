package dev.backstop.config;

import java.time.Duration;

/**
 * How to tell that a web instance is up: {@code GET path} must answer 2xx within {@code timeout},
 * polled every {@code interval}; a new instance has {@code readyWithin} to pass once.
 */
public record HealthCheck(String path, Duration interval, Duration timeout, Duration readyWithin) {}
