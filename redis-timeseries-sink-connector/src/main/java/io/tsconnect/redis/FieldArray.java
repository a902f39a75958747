package io.tsconnect.redis;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one flat JSON object as a read-only Map over two arrays, in document order: a handful of fields
 * is found faster by a scan than by hashing, and building it costs two small arrays instead of a HashMap's table
 * and nodes per record. Names repeat as the same String instances record after record, so most lookups end on an
 * identity match. A name given twice keeps its last value, as JsonConverter does.
 */
final class FieldArray extends AbstractMap<String, Object> {
    private final String[] names;
    private final Object[] values;
    private final int size;

    /** Takes the arrays as they are (not copied): the caller hands over fresh ones. */
    FieldArray(String[] names, Object[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    private int indexOf(Object key) {
        for (int i = size - 1; i >= 0; i--) {
            if (names[i] == key) {
                return i;
            }
        }
        for (int i = size - 1; i >= 0; i--) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** True when field {@code i} is the last one of its name (a repeated name counts once, with its last value). */
    private boolean last(int i) {
        for (int j = i + 1; j < size; j++) {
            if (names[j].equals(names[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            distinct += last(i) ? 1 : 0;
        }
        return distinct;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = skipRepeated(0);

                    private int skipRepeated(int from) {
                        int i = from;
                        while (i < size && !last(i)) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next;
                        next = skipRepeated(i + 1);
                        return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return FieldArray.this.size();
            }
        };
    }
}
