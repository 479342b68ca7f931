package dev.backstop.deploy;

/**
 * Where a running step reports what it is doing (a probe result, a countdown), so that
 * {@code backstop deploy} can show it while it happens. Implementations are thread-safe.
 */
@FunctionalInterface
public interface DeployProgress {

    DeployProgress NONE = message -> {};

    void note(String message);
}
