package dev.backstop.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A user account of the host, looked up as the C library does: {@code getent passwd NAME} asks the
 * name service switch (files, LDAP, sssd), and {@code /etc/passwd} answers on hosts without
 * getent. Immutable and thread-safe.
 */
record Account(String name, String uid, String gid, String home) {

    private static final List<Path> GETENT_CANDIDATES = List.of(Path.of("/usr/bin/getent"), Path.of("/bin/getent"));
    private static final Path PASSWD = Path.of("/etc/passwd");

    /** The account named {@code name}, or empty when no name service knows it. */
    static Optional<Account> lookup(String name) {
        Optional<Path> getent =
                GETENT_CANDIDATES.stream().filter(Files::isExecutable).findFirst();
        return getent.isPresent() ? fromGetent(getent.get(), name) : fromPasswd(name);
    }

    /** One line of passwd(5): name:password:uid:gid:gecos:home:shell; empty when it is not one. */
    static Optional<Account> parse(String entry) {
        String[] fields = entry.strip().split(":", -1);
        if (fields.length < 7 || fields[0].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Account(fields[0], fields[2], fields[3], fields[5]));
    }

    /** The account in getent's output for {@code name}; empty when getent printed none (exit 2). */
    static Optional<Account> parseGetent(String name, String output) {
        return output.lines()
                .map(Account::parse)
                .flatMap(Optional::stream)
                .filter(account -> account.name().equals(name))
                .findFirst();
    }

    private static Optional<Account> fromGetent(Path getent, String name) {
        if (name.isEmpty() || name.startsWith("-") || name.chars().allMatch(Character::isDigit)) {
            return Optional.empty(); // getent would read these as options or uids, not names
        }
        try {
            Process process = new ProcessBuilder(getent.toString(), "passwd", name)
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return parseGetent(name, output);
        } catch (IOException e) {
            throw new UncheckedIOException(getent + " passwd " + name + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Account> fromPasswd(String name) {
        try {
            return parseGetent(name, Files.readString(PASSWD));
        } catch (IOException e) {
            throw new UncheckedIOException(PASSWD + " cannot be read", e);
        }
    }
}
