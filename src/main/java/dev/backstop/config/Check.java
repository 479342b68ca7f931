package dev.backstop.config;

import java.time.Duration;

/** A named command run in a release directory (a preflight check or a hook), with a time limit. */
public record Check(String name, String command, Duration timeout) {}
