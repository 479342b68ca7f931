package dev.backstop.config;

/** Where alerts go: a webhook URL that receives each alert as JSON. */
public record AlertTarget(String webhook) {}
