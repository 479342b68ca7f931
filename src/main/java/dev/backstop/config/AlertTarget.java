package dev.backstop.config;

import java.util.Optional;

/** Where alerts go: a webhook URL or an e-mail address (exactly one is present). */
public record AlertTarget(Optional<String> webhook, Optional<String> email) {}
