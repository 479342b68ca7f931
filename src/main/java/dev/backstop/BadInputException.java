package dev.backstop;

/** The user handed over something Backstop refuses: nothing was changed. Exit code 2. */
public class BadInputException extends BackstopException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return BAD_INPUT;
    }
}
