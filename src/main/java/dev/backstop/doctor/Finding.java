package dev.backstop.doctor;

/**
 * One thing {@code backstop doctor} checked: its name, how it stands, and a sentence that says what
 * was found and, when it is not ok, what to do.
 */
public record Finding(String check, Status status, String message) {

    /** How a check stands; any {@link #FAIL} means a rollback is not possible right now. */
    public enum Status {
        OK,
        WARN,
        FAIL
    }

    public static Finding ok(String check, String message) {
        return new Finding(check, Status.OK, message);
    }

    public static Finding warn(String check, String message) {
        return new Finding(check, Status.WARN, message);
    }

    public static Finding fail(String check, String message) {
        return new Finding(check, Status.FAIL, message);
    }
}
