package io.tsconnect.questdb;

/**
 * Makes table and column names acceptable to QuestDB by replacing the characters it forbids with {@code _},
 * so that a field named {@code temp.c} or {@code a-b} lands instead of failing the whole batch.
 */
public final class ColumnNames {
    /** QuestDB's default {@code cairo.max.file.name.length}. */
    static final int MAX_LENGTH = 127;
    private static final String COLUMN_FORBIDDEN = "\n\r?.,'\"\\/:)(+-*%~";
    private static final String TABLE_FORBIDDEN = "\n\r?,'\"\\/:)(+*%~";

    private ColumnNames() {
    }

    /** A valid column name for {@code name}. */
    public static String column(String name) {
        return clean(name, COLUMN_FORBIDDEN);
    }

    /** A valid table name for {@code name} (dots are allowed inside table names, not at the start or doubled). */
    public static String table(String name) {
        String cleaned = clean(name, TABLE_FORBIDDEN).replace("..", "__");
        return cleaned.startsWith(".") ? "_" + cleaned.substring(1) : cleaned;
    }

    private static String clean(String name, String forbidden) {
        if (name.isEmpty()) {
            return "_";
        }
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean bad = forbidden.indexOf(c) >= 0 || Character.isISOControl(c) || c == '\uFEFF';
            if (bad && out == null) {
                out = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (out != null) {
                out.append(bad ? '_' : c);
            }
        }
        String result = out == null ? name : out.toString();
        return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) : result;
    }
}
