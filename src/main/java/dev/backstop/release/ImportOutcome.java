package dev.backstop.release;

/**
 * What an import did: a new release, or nothing because the same content was already imported
 * under that version.
 */
public record ImportOutcome(Release release, boolean alreadyPresent) {}
