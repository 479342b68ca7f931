package dev.backstop.config;

/** How a release takes traffic: see DESIGN.md, "switch mode". */
public enum SwitchMode {
    /** Backstop's own reverse proxy flips between releases started side by side. */
    PROXY,
    /** The {@code current} symlink is swapped and the user's restart command runs. */
    RESTART
}
