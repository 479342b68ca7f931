package dev.backstop.timeline;

/** Who acts, as the timeline records it: the person behind {@code sudo} when there is one. */
public final class Actor {

    private Actor() {}

    /** {@code $SUDO_USER} if set, else the user running this process. */
    public static String current() {
        String sudoUser = System.getenv("SUDO_USER");
        if (sudoUser != null && !sudoUser.isBlank()) {
            return sudoUser;
        }
        return System.getProperty("user.name", "unknown");
    }
}
