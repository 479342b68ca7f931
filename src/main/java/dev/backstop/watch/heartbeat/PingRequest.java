package dev.backstop.watch.heartbeat;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The last part of a ping URL read as healthchecks.io reads it: none (success), {@code start},
 * {@code fail}, {@code log}, or an exit status (0 success, 1-255 failure, above 255 refused).
 * Immutable.
 */
record PingRequest(PingKind kind, Optional<Integer> exitStatus) {

    private static final Pattern EXIT_STATUS = Pattern.compile("\\d{1,9}");
    private static final Pattern RUN_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    /** Why a URL is refused: its HTTP status and healthchecks.io's plain-text body. */
    record Refusal(int status, String body) {
        static final Refusal NOT_FOUND = new Refusal(404, "not found");
        static final Refusal BAD_URL = new Refusal(400, "invalid url format");
        static final Refusal BAD_RUN_ID = new Refusal(400, "invalid uuid format");
    }

    /** The request {@code action} names, or why there is none; {@code action} is empty for a plain ping. */
    static Result parse(Optional<String> action) {
        if (action.isEmpty()) {
            return Result.of(new PingRequest(PingKind.SUCCESS, Optional.empty()));
        }
        String text = action.get();
        switch (text) {
            case "start":
                return Result.of(new PingRequest(PingKind.START, Optional.empty()));
            case "fail":
                return Result.of(new PingRequest(PingKind.FAIL, Optional.empty()));
            case "log":
                return Result.of(new PingRequest(PingKind.LOG, Optional.empty()));
            default:
                break;
        }
        if (!EXIT_STATUS.matcher(text).matches()) {
            return Result.refused(text.chars().allMatch(Character::isDigit) ? Refusal.BAD_URL : Refusal.NOT_FOUND);
        }
        int status = Integer.parseInt(text);
        if (status > 255) {
            return Result.refused(Refusal.BAD_URL);
        }
        return Result.of(new PingRequest(status == 0 ? PingKind.SUCCESS : PingKind.FAIL, Optional.of(status)));
    }

    static boolean validRunId(String rid) {
        return RUN_ID.matcher(rid).matches();
    }

    static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** A request or a refusal. */
    record Result(Optional<PingRequest> request, Optional<Refusal> refusal) {
        static Result of(PingRequest request) {
            return new Result(Optional.of(request), Optional.empty());
        }

        static Result refused(Refusal refusal) {
            return new Result(Optional.empty(), Optional.of(refusal));
        }
    }
}
