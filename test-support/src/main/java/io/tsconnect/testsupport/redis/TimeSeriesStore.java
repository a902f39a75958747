package io.tsconnect.testsupport.redis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The data of {@link RedisTimeSeriesStandIn}: per database, keys holding time series or plain strings, with the
 * RedisTimeSeries command semantics and error replies (TS.CREATE, TS.ADD, TS.MADD, TS.ALTER, TS.INFO, TS.RANGE,
 * TS.MRANGE, TS.QUERYINDEX). Every method is called under the store's lock.
 */
public final class TimeSeriesStore {
    /** What Redis's value parser accepts besides nan/inf (compiled once: it runs for every sample). */
    private static final Pattern NUMBER = Pattern.compile("[-+0-9.e]+");

    static final String KEY_EXISTS = "ERR TSDB: key already exists";
    static final String NOT_TSDB_KEY = "ERR TSDB: the key is not a TSDB key";
    static final String KEY_MISSING = "ERR TSDB: the key does not exist";
    /** Core Redis (GET of a series) answers without "ERR"; the module's commands (TS.INFO of a string) with it. */
    static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String TS_WRONGTYPE = "ERR " + WRONGTYPE;
    static final String TOO_OLD = "ERR TSDB: Timestamp is older than retention";
    static final String UPSERT_BLOCKED = "ERR TSDB: Error at upsert, update is not supported when DUPLICATE_POLICY "
        + "is set to BLOCK mode, or either current or new value is NaN and DUPLICATE_POLICY is MAX/MIN/SUM";
    static final String BAD_VALUE = "ERR TSDB: invalid value";
    static final String BAD_TIMESTAMP = "ERR TSDB: invalid timestamp";
    static final String NEGATIVE_TIMESTAMP = "ERR TSDB: invalid timestamp, must be a nonnegative integer";
    static final String BAD_LABELS = "ERR TSDB: Couldn't parse LABELS";

    private final Map<Integer, Map<String, Object>> databases = new HashMap<>();

    /** One time series. */
    public static final class Series {
        final NavigableMap<Long, Double> samples = new TreeMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        long retention;
        String duplicatePolicy;
        long chunkSize = 4096;
        boolean uncompressed;
        long ignoreMaxTime;
        double ignoreMaxValue;
        String onDuplicate;

        /** A copy of this series (its samples, labels and settings), to read while the server goes on writing. */
        Series copy() {
            Series c = new Series();
            c.samples.putAll(samples);
            c.labels = new LinkedHashMap<>(labels);
            c.retention = retention;
            c.duplicatePolicy = duplicatePolicy;
            c.chunkSize = chunkSize;
            c.uncompressed = uncompressed;
            c.ignoreMaxTime = ignoreMaxTime;
            c.ignoreMaxValue = ignoreMaxValue;
            c.onDuplicate = onDuplicate;
            return c;
        }

        /** A copy of the samples, by timestamp. */
        public NavigableMap<Long, Double> samples() {
            return new TreeMap<>(samples);
        }

        public Map<String, String> labels() {
            return new LinkedHashMap<>(labels);
        }

        public long retention() {
            return retention;
        }

        /** The series' policy, or {@code null} for the server default (BLOCK). */
        public String duplicatePolicy() {
            return duplicatePolicy;
        }

        public long chunkSize() {
            return chunkSize;
        }

        public boolean uncompressed() {
            return uncompressed;
        }
    }

    /** Thrown with the exact error reply of the real server. */
    static final class ReplyError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplyError(String reply) {
            super(reply, null, false, false);
        }
    }

    Map<String, Object> db(int index) {
        return databases.computeIfAbsent(index, i -> new HashMap<>());
    }

    /** The series at {@code key} of database {@code db}, or {@code null}. */
    public Series series(int db, String key) {
        return db(db).get(key) instanceof Series s ? s : null;
    }

    /** Every key of database {@code db}. */
    public List<String> keys(int db) {
        return new ArrayList<>(new TreeSet<>(db(db).keySet()));
    }

    void clear() {
        databases.clear();
    }

    // TS.CREATE key [options]
    Object create(int db, List<String> a) {
        Series s = parseOptions(a, 2, new Series(), false);
        if (db(db).containsKey(a.get(1))) {
            throw new ReplyError(KEY_EXISTS);
        }
        db(db).put(a.get(1), s);
        return RedisTimeSeriesStandIn.OK;
    }

    // TS.ALTER key [options]
    Object alter(int db, List<String> a) {
        Series update = parseOptions(a, 2, new Series(), false);
        Series s = existing(db, a.get(1));
        List<String> upper = a.stream().map(x -> x.toUpperCase(Locale.ROOT)).toList();
        if (upper.contains("RETENTION")) {
            s.retention = update.retention;
        }
        if (upper.contains("CHUNK_SIZE")) {
            s.chunkSize = update.chunkSize;
        }
        if (upper.contains("DUPLICATE_POLICY")) {
            s.duplicatePolicy = update.duplicatePolicy;
        }
        if (upper.contains("IGNORE")) {
            s.ignoreMaxTime = update.ignoreMaxTime;
            s.ignoreMaxValue = update.ignoreMaxValue;
        }
        if (upper.contains("LABELS")) {
            s.labels = update.labels;
        }
        return RedisTimeSeriesStandIn.OK;
    }

    // TS.ADD key ts value [options]: creates a missing key; options other than ON_DUPLICATE ignored otherwise
    Object add(int db, List<String> a) {
        double value = parseValue(a.get(3));
        long ts = parseTimestamp(a.get(2));
        Object existing = db(db).get(a.get(1));
        if (existing == null) {
            Series created = parseOptions(a, 4, new Series(), true);
            db(db).put(a.get(1), created);
            return insert(created, ts, value, created.onDuplicate);
        }
        if (!(existing instanceof Series s)) {
            throw new ReplyError(NOT_TSDB_KEY);
        }
        // Like the real server: on an existing series only ON_DUPLICATE counts; LABELS and the rest are ignored.
        int at = indexOf(a, "ON_DUPLICATE");
        return insert(s, ts, value, at > 3 && at + 1 < a.size() ? policy(a.get(at + 1)) : null);
    }

    // TS.MADD key ts value [key ts value ...]: never creates keys; one reply element per sample
    Object madd(int db, List<String> a) {
        List<Object> replies = new ArrayList<>((a.size() - 1) / 3);
        for (int i = 1; i + 2 < a.size(); i += 3) {
            try {
                double value = parseValue(a.get(i + 2));
                long ts = parseTimestamp(a.get(i + 1));
                if (!(db(db).get(a.get(i)) instanceof Series s)) {
                    throw new ReplyError(NOT_TSDB_KEY);
                }
                replies.add(insert(s, ts, value, null));
            } catch (ReplyError e) {
                replies.add(e);
            }
        }
        return replies;
    }

    private long insert(Series s, long ts, double value, String override) {
        long last = s.samples.isEmpty() ? 0 : s.samples.lastKey();
        if (s.retention > 0 && ts < last && s.retention < last - ts) {
            throw new ReplyError(TOO_OLD);
        }
        String policy = override != null ? override : s.duplicatePolicy != null ? s.duplicatePolicy : "BLOCK";
        if (!s.samples.isEmpty() && "LAST".equals(policy) && ts >= last && s.ignoreMaxTime > 0
            && ts - last <= s.ignoreMaxTime && Math.abs(value - s.samples.get(last)) <= s.ignoreMaxValue) {
            return last;
        }
        Double old = s.samples.get(ts);
        if (old == null) {
            s.samples.put(ts, value);
        } else {
            s.samples.put(ts, resolveDuplicate(policy, old, value));
        }
        if (s.retention > 0) {
            long newest = s.samples.lastKey();
            s.samples.headMap(newest - s.retention, false).clear();
        }
        return ts;
    }

    private static double resolveDuplicate(String policy, double old, double value) {
        boolean nan = Double.isNaN(old) || Double.isNaN(value);
        switch (policy) {
            case "LAST":
                // RedisTimeSeries 8 keeps the stored value when the newer one is NaN.
                return Double.isNaN(value) ? old : value;
            case "FIRST":
                return old;
            case "MIN":
            case "MAX":
            case "SUM":
                if (nan) {
                    throw new ReplyError(UPSERT_BLOCKED);
                }
                return "MIN".equals(policy) ? Math.min(old, value) : "MAX".equals(policy) ? Math.max(old, value)
                    : old + value;
            default:
                throw new ReplyError(UPSERT_BLOCKED);
        }
    }

    // TS.INFO key
    Object info(int db, List<String> a) {
        Series s = existing(db, a.get(1));
        List<Object> labels = new ArrayList<>();
        s.labels.forEach((k, v) -> labels.add(List.of(k, v)));
        List<Object> out = new ArrayList<>();
        addInfo(out, "totalSamples", (long) s.samples.size());
        addInfo(out, "memoryUsage", 4184L + 16L * s.samples.size());
        addInfo(out, "firstTimestamp", s.samples.isEmpty() ? 0L : s.samples.firstKey());
        addInfo(out, "lastTimestamp", s.samples.isEmpty() ? 0L : s.samples.lastKey());
        addInfo(out, "retentionTime", s.retention);
        addInfo(out, "chunkCount", 1L);
        addInfo(out, "chunkSize", s.chunkSize);
        addInfo(out, "chunkType", new RedisTimeSeriesStandIn.Simple(s.uncompressed ? "uncompressed" : "compressed"));
        // A series created without a policy reports the server default, block (RedisTimeSeries 8).
        addInfo(out, "duplicatePolicy", new RedisTimeSeriesStandIn.Simple(
            (s.duplicatePolicy == null ? "block" : s.duplicatePolicy).toLowerCase(Locale.ROOT)));
        addInfo(out, "labels", labels);
        addInfo(out, "sourceKey", null);
        addInfo(out, "rules", List.of());
        addInfo(out, "ignoreMaxTimeDiff", s.ignoreMaxTime);
        addInfo(out, "ignoreMaxValDiff", format(s.ignoreMaxValue));
        return out;
    }

    private static void addInfo(List<Object> out, String name, Object value) {
        out.add(new RedisTimeSeriesStandIn.Simple(name));
        out.add(value);
    }

    // TS.RANGE key from to [COUNT n]
    Object range(int db, List<String> a) {
        Series s = existing(db, a.get(1));
        return samplesReply(s, bound(a.get(2), 0), bound(a.get(3), Long.MAX_VALUE), count(a, 4));
    }

    // TS.MRANGE from to [WITHLABELS] [COUNT n] FILTER filter...
    Object mrange(int db, List<String> a) {
        int filterAt = indexOf(a, "FILTER");
        if (filterAt < 0) {
            throw new ReplyError("ERR TSDB: missing FILTER argument");
        }
        boolean withLabels = indexOf(a, "WITHLABELS") > 0;
        long from = bound(a.get(1), 0);
        long to = bound(a.get(2), Long.MAX_VALUE);
        int count = count(a.subList(0, filterAt), 3);
        List<Object> out = new ArrayList<>();
        for (String key : query(db, a.subList(filterAt + 1, a.size()))) {
            Series s = (Series) db(db).get(key);
            List<Object> labels = new ArrayList<>();
            if (withLabels) {
                s.labels.forEach((k, v) -> labels.add(List.of(k, v)));
            }
            out.add(List.of(key, labels, samplesReply(s, from, to, count)));
        }
        return out;
    }

    // TS.QUERYINDEX filter...
    Object queryIndex(int db, List<String> a) {
        return new ArrayList<Object>(query(db, a.subList(1, a.size())));
    }

    private List<String> query(int db, List<String> filters) {
        List<LabelFilter> parsed = filters.stream().map(LabelFilter::parse).toList();
        if (parsed.stream().noneMatch(LabelFilter::isMatcher)) {
            throw new ReplyError("ERR TSDB: please provide at least one matcher");
        }
        List<String> keys = new ArrayList<>();
        new TreeMap<>(db(db)).forEach((key, value) -> {
            if (value instanceof Series s && parsed.stream().allMatch(f -> f.test(s.labels))) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static List<Object> samplesReply(Series s, long from, long to, int count) {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<Long, Double> e : s.samples.subMap(from, true, to, true).entrySet()) {
            if (count >= 0 && out.size() >= count) {
                break;
            }
            out.add(List.of(e.getKey(), format(e.getValue())));
        }
        return out;
    }

    /** Formats a value as the shortest decimal that reads back as the same double. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private Series existing(int db, String key) {
        Object value = db(db).get(key);
        if (value == null) {
            throw new ReplyError(KEY_MISSING);
        }
        if (!(value instanceof Series s)) {
            throw new ReplyError(TS_WRONGTYPE);
        }
        return s;
    }

    /** Parses create options from {@code a[from]} on; LABELS takes the rest. */
    private static Series parseOptions(List<String> a, int from, Series s, boolean add) {
        for (int i = from; i < a.size(); i++) {
            String option = a.get(i).toUpperCase(Locale.ROOT);
            String next = i + 1 < a.size() ? a.get(i + 1) : null;
            switch (option) {
                // The module's own text, without the "ERR" prefix of its other errors.
                case "RETENTION" -> s.retention = nonNegative(next, "TSDB: Couldn't parse RETENTION");
                case "CHUNK_SIZE" -> s.chunkSize = chunkSize(next);
                case "ENCODING" -> s.uncompressed = encoding(next);
                case "DUPLICATE_POLICY" -> s.duplicatePolicy = policy(next);
                case "ON_DUPLICATE" -> s.onDuplicate = add ? policy(next) : s.onDuplicate;
                case "IGNORE" -> {
                    s.ignoreMaxTime = nonNegative(next, "ERR TSDB: Couldn't parse IGNORE");
                    s.ignoreMaxValue = i + 2 < a.size() ? parseValue(a.get(i + 2)) : -1;
                    i++;
                }
                case "LABELS" -> {
                    s.labels = labels(a.subList(i + 1, a.size()));
                    return s;
                }
                default -> {
                    // The module looks its options up by name and ignores other words.
                    continue;
                }
            }
            i++;
        }
        return s;
    }

    private static Map<String, String> labels(List<String> pairs) {
        if (pairs.size() % 2 != 0) {
            throw new ReplyError(BAD_LABELS);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            if (pairs.get(i).isEmpty() || pairs.get(i + 1).isEmpty()) {
                throw new ReplyError(BAD_LABELS);
            }
            labels.put(pairs.get(i), pairs.get(i + 1));
        }
        return labels;
    }

    private static long nonNegative(String v, String error) {
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // falls through to the error reply
        }
        throw new ReplyError(error);
    }

    private static long chunkSize(String v) {
        long n = nonNegative(v, "ERR TSDB: Couldn't parse CHUNK_SIZE");
        if (n < 48 || n > 1_048_576 || n % 8 != 0) {
            throw new ReplyError("ERR TSDB: CHUNK_SIZE value must be a multiple of 8 in the range [48 .. 1048576]");
        }
        return n;
    }

    private static boolean encoding(String v) {
        String e = v == null ? "" : v.toUpperCase(Locale.ROOT);
        if (!e.equals("COMPRESSED") && !e.equals("UNCOMPRESSED")) {
            throw new ReplyError("ERR TSDB: unknown ENCODING parameter");
        }
        return e.equals("UNCOMPRESSED");
    }

    private static String policy(String v) {
        String p = v == null ? "" : v.toUpperCase(Locale.ROOT);
        if (!List.of("BLOCK", "FIRST", "LAST", "MIN", "MAX", "SUM").contains(p)) {
            throw new ReplyError("ERR TSDB: Unknown DUPLICATE_POLICY");
        }
        return p;
    }

    /** A sample value as RedisTimeSeries 8 reads it: a finite decimal or nan; no infinity, no blanks. */
    static double parseValue(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("nan") || s.equals("+nan") || s.equals("-nan")) {
            return Double.NaN;
        }
        try {
            if (s.isEmpty() || !NUMBER.matcher(s).matches()) {
                throw new NumberFormatException(s);
            }
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d)) {
                throw new NumberFormatException(s);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ReplyError(BAD_VALUE);
        }
    }

    private static long parseTimestamp(String v) {
        if ("*".equals(v)) {
            return System.currentTimeMillis();
        }
        long ts;
        try {
            ts = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ReplyError(BAD_TIMESTAMP);
        }
        if (ts < 0) {
            throw new ReplyError(NEGATIVE_TIMESTAMP);
        }
        return ts;
    }

    private static long bound(String v, long open) {
        if ("-".equals(v) || "+".equals(v)) {
            return open;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ReplyError("ERR TSDB: wrong fromTimestamp");
        }
    }

    private static int count(List<String> a, int from) {
        int at = indexOf(a, "COUNT");
        if (at < from) {
            return -1;
        }
        try {
            return Integer.parseInt(a.get(at + 1));
        } catch (RuntimeException e) {
            throw new ReplyError("ERR TSDB: Couldn't parse COUNT");
        }
    }

    private static int indexOf(List<String> a, String word) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equalsIgnoreCase(word)) {
                return i;
            }
        }
        return -1;
    }

    /** One FILTER expression: {@code l=v}, {@code l!=v}, {@code l=}, {@code l!=}, {@code l=(a,b)}. */
    private record LabelFilter(String label, boolean equal, List<String> values) {
        static LabelFilter parse(String expr) {
            int neq = expr.indexOf("!=");
            int eq = expr.indexOf('=');
            if (eq <= 0) {
                throw new ReplyError("ERR TSDB: failed parsing labels");
            }
            boolean equal = neq < 0 || neq > eq - 1;
            String label = equal ? expr.substring(0, eq) : expr.substring(0, neq);
            String raw = expr.substring(eq + 1);
            List<String> values = raw.startsWith("(") && raw.endsWith(")")
                ? List.of(raw.substring(1, raw.length() - 1).split(",")) : List.of(raw);
            return new LabelFilter(label, equal, values);
        }

        boolean isMatcher() {
            return equal && !(values.size() == 1 && values.get(0).isEmpty());
        }

        boolean test(Map<String, String> labels) {
            String v = labels.get(label);
            boolean absentMatch = values.size() == 1 && values.get(0).isEmpty();
            boolean matches = absentMatch ? v == null : v != null && values.contains(v);
            return equal == matches;
        }
    }
}
