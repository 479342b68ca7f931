package dev.backstop.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code env_file:}: {@code NAME=value} lines (blank lines, {@code #} comments and a leading
 * {@code export} allowed; a value in single quotes is taken as is, one in double quotes may hold
 * {@code \n} and {@code \"}). It holds secrets, so it must belong to the user reading it and be
 * readable by nobody else but its group (0600, 0640 or stricter). Stateless and thread-safe.
 */
public final class EnvFile {

    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    private static final Pattern LINE = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");

    private EnvFile() {}

    /**
     * The file's variables, in order.
     *
     * @throws UnsafeEnvFileException when it is missing, unreadable, not owned by this process's user
     *     or readable by others, or when a line is not {@code NAME=value}
     */
    public static Map<String, String> read(Path file) {
        requireSafe(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnsafeEnvFileException(
                    file, "cannot be read (" + e.getMessage() + "); check that the daemon's user may read it.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var match = LINE.matcher(line);
            if (!match.matches()) {
                // The line itself is not quoted: it may be a secret written without its name.
                throw new UnsafeEnvFileException(
                        file, "line " + number + " is not NAME=value; write it like DATABASE_URL=postgres://...");
            }
            values.put(match.group(1), unquote(match.group(2)));
        }
        return values;
    }

    private static void requireSafe(Path file) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UnsafeEnvFileException(
                    file, "does not exist or cannot be read; create it (mode 0600) or" + " remove it from env_file.");
        }
        if (!attributes.isRegularFile()) {
            throw new UnsafeEnvFileException(
                    file, "is not a regular file (a link or a directory); name the file itself.");
        }
        String owner = attributes.owner().getName();
        String self = System.getProperty("user.name");
        if (!owner.equals(self)) {
            throw new UnsafeEnvFileException(
                    file,
                    "belongs to '" + owner + "', not to '" + self + "' who runs Backstop; chown " + self + " it.");
        }
        Set<PosixFilePermission> open = EnumSet.copyOf(attributes.permissions());
        open.retainAll(TOO_OPEN);
        if (!open.isEmpty()) {
            throw new UnsafeEnvFileException(
                    file,
                    "is readable or writable by others (mode "
                            + PosixFilePermissions.toString(attributes.permissions())
                            + "); chmod 600 it (or 640 for a group).");
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1)
                    .replace("\\n", "\n")
                    .replace("\\\"", "\"")
                    .replace("\\\\", "\\");
        }
        int comment = value.indexOf(" #");
        return (comment >= 0 ? value.substring(0, comment) : value).strip();
    }
}
