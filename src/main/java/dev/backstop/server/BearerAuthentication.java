package dev.backstop.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.UnauthorizedResponse;

/**
 * Lets a request through only when it carries {@code Authorization: Bearer <token>} with the
 * daemon's admin token; otherwise it ends as 401 with a JSON error. Stateless, thread-safe.
 */
final class BearerAuthentication implements Handler {

    private static final String SCHEME = "Bearer ";

    private final AdminToken token;

    BearerAuthentication(AdminToken token) {
        this.token = token;
    }

    @Override
    public void handle(Context context) {
        String header = context.header(Header.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
        if (!bearer || !token.matches(header.substring(SCHEME.length()).strip())) {
            context.header(Header.WWW_AUTHENTICATE, "Bearer");
            throw new UnauthorizedResponse("missing or wrong admin token: send 'Authorization: Bearer TOKEN'"
                    + " with the token from the daemon's data directory ('" + AdminToken.FILE_NAME + "').");
        }
    }
}
