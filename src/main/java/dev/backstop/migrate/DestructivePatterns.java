package dev.backstop.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises destructive changes in a migration file by the words its framework uses for them:
 * Rails {@code remove_column}, {@code drop_table}, {@code rename_column}, {@code change_column};
 * Django {@code RemoveField}, {@code DeleteModel}, {@code RenameField}, {@code AlterField}; SQL
 * {@code DROP} (also within {@code ALTER … DROP}) and {@code RENAME}. The file's extension picks the
 * words ({@code .rb}, {@code .py}, {@code .sql}); any other file is searched for all of them.
 * Comments are skipped, so a note about a removal is no removal. Stateless and thread-safe.
 */
public final class DestructivePatterns {

    private static final Pattern RAILS = Pattern.compile(
            "\\b(remove_columns?|drop_table|rename_column|change_column|remove_reference|rename_table)\\b");
    private static final Pattern DJANGO =
            Pattern.compile("\\b(RemoveField|DeleteModel|RenameField|AlterField|RenameModel)\\b");
    private static final Pattern SQL = Pattern.compile("\\b(DROP|RENAME)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern HASH_COMMENT = Pattern.compile("#.*$");
    private static final Pattern SQL_COMMENT = Pattern.compile("--.*$");

    private DestructivePatterns() {}

    /** The destructive lines of the migration at {@code path} (inside the release) holding {@code lines}. */
    public static List<DestructiveChange> in(String path, List<String> lines) {
        List<DestructiveChange> found = new ArrayList<>();
        boolean inBlockComment = false;
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (path.endsWith(".sql")) {
                // /* ... */ comments may span lines; what is outside them counts
                StringBuilder code = new StringBuilder();
                int at = 0;
                while (at < line.length()) {
                    int next = line.indexOf(inBlockComment ? "*/" : "/*", at);
                    if (next < 0) {
                        if (!inBlockComment) {
                            code.append(line, at, line.length());
                        }
                        break;
                    }
                    if (!inBlockComment) {
                        code.append(line, at, next);
                    }
                    inBlockComment = !inBlockComment;
                    at = next + 2;
                }
                line = code.toString();
            }
            for (Pattern pattern : patternsFor(path)) {
                Matcher matcher = pattern.matcher(withoutComment(path, line));
                if (matcher.find()) {
                    found.add(new DestructiveChange(path, index + 1, matcher.group(1)));
                    break;
                }
            }
        }
        return found;
    }

    private static List<Pattern> patternsFor(String path) {
        if (path.endsWith(".rb")) {
            return List.of(RAILS);
        }
        if (path.endsWith(".py")) {
            return List.of(DJANGO);
        }
        if (path.endsWith(".sql")) {
            return List.of(SQL);
        }
        return List.of(RAILS, DJANGO, SQL);
    }

    private static String withoutComment(String path, String line) {
        if (path.endsWith(".rb") || path.endsWith(".py")) {
            return HASH_COMMENT.matcher(line).replaceFirst("");
        }
        if (path.endsWith(".sql")) {
            return SQL_COMMENT.matcher(line).replaceFirst("");
        }
        return line;
    }
}
