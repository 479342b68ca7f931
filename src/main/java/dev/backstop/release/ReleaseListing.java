package dev.backstop.release;

/**
 * A release as {@code release list} shows it: with whether it is live and whether a rollback would
 * land on it.
 */
public record ReleaseListing(Release release, boolean live, boolean rollbackTarget) {

    /** {@code live (known-good)}, {@code live (imported)} or just the state's label. */
    public String displayState() {
        return live ? "live (" + release.state().label() + ")" : release.state().label();
    }
}
