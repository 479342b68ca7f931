package dev.backstop.config;

import java.time.Duration;

/** A dead man's switch: a ping named {@code name} is expected every {@code every}, plus {@code grace}. */
public record Heartbeat(String name, Duration every, Duration grace) {}
