package io.tsconnect.questdb;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Makes table and column names acceptable to QuestDB by replacing the characters it forbids with {@code _},
 * so that a field named {@code temp.c} or {@code a-b} lands instead of failing the whole batch.
 */
public final class ColumnNames {
    /** Sanitised names are cached: the same few field names come with every record (bounded, then reset). */
    private static final int CACHE_LIMIT = 10_000;
    private static final ConcurrentHashMap<String, String> COLUMNS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, String> TABLES = new ConcurrentHashMap<>();

    /** QuestDB's default {@code cairo.max.file.name.length}. */
    static final int MAX_LENGTH = 127;
    private static final String COLUMN_FORBIDDEN = "\n\r?.,'\"\\/:)(+-*%~";
    private static final String TABLE_FORBIDDEN = "\n\r?,'\"\\/:)(+*%~";

    private ColumnNames() {
    }

    /** A valid column name for {@code name}. */
    public static String column(String name) {
        return cached(COLUMNS, name, n -> clean(n, COLUMN_FORBIDDEN));
    }

    /** A valid table name for {@code name} (dots are allowed inside table names, not at the start or doubled). */
    public static String table(String name) {
        return cached(TABLES, name, ColumnNames::cleanTable);
    }

    private static String cleanTable(String name) {
        String cleaned = clean(name, TABLE_FORBIDDEN).replace("..", "__");
        return cleaned.startsWith(".") ? "_" + cleaned.substring(1) : cleaned;
    }

    private static String cached(ConcurrentHashMap<String, String> cache, String name,
                                 UnaryOperator<String> clean) {
        String known = cache.get(name);
        if (known != null) {
            return known;
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        String cleaned = clean.apply(name);
        cache.put(name, cleaned);
        return cleaned;
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
