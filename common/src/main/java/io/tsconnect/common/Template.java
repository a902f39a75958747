package io.tsconnect.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A string with {@code ${name}} placeholders, parsed once and rendered per record: topic names, series keys,
 * table names. {@code ${name:-text}} renders {@code text} when {@code name} has no value (as in a shell);
 * {@code $$} writes a literal {@code $}.
 */
public final class Template {
    private final String source;
    private final List<String> literals;
    private final List<String> variables;
    /** Per placeholder, the text rendered when its variable has no value, or {@code null} for none. */
    private final List<String> defaults;
    /**
     * The longest text rendered so far, to size the next one's buffer (growing it took a fifth of the Redis sink's
     * mapping). Racy by design: a stale value only costs a regrowth.
     */
    private int lastLength;

    private Template(String source, List<String> literals, List<String> variables, List<String> defaults) {
        this.source = source;
        this.literals = literals;
        this.variables = variables;
        this.defaults = defaults;
    }

    /**
     * Parses {@code source}.
     *
     * @throws IllegalArgumentException on an unclosed or empty placeholder, with the position
     */
    public static Template parse(String source) {
        List<String> literals = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '$' && i + 1 < source.length() && source.charAt(i + 1) == '$') {
                literal.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                int end = source.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("Unclosed '${' at position " + i + " in '" + source + "'");
                }
                String name = source.substring(i + 2, end);
                int fallback = name.indexOf(":-");
                defaults.add(fallback < 0 ? null : name.substring(fallback + 2));
                name = (fallback < 0 ? name : name.substring(0, fallback)).trim();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("Empty '${}' at position " + i + " in '" + source + "'");
                }
                literals.add(literal.toString());
                literal.setLength(0);
                variables.add(name);
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        literals.add(literal.toString());
        return new Template(source, List.copyOf(literals), List.copyOf(variables),
            Collections.unmodifiableList(defaults));
    }

    /**
     * Renders the template; {@code resolver} returns a variable's value or {@code null} when it has none.
     *
     * @throws MissingVariableException when a variable without a default resolves to {@code null}
     */
    public String render(Function<String, ?> resolver) {
        if (variables.isEmpty()) {
            return literals.get(0);
        }
        StringBuilder out = new StringBuilder(Math.max(source.length() + 16, Math.min(lastLength, 1024)));
        for (int i = 0; i < variables.size(); i++) {
            out.append(literals.get(i));
            Object value = resolver.apply(variables.get(i));
            if (value == null) {
                value = defaults.get(i);
            }
            if (value == null) {
                throw new MissingVariableException(variables.get(i), source);
            }
            out.append(value);
        }
        out.append(literals.get(variables.size()));
        if (out.length() > lastLength) {
            lastLength = out.length();
        }
        return out.toString();
    }

    /** The distinct variable names, in order of first use. */
    public Set<String> variables() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(variables));
    }

    /**
     * The literal text around the placeholders ({@code $$} already read as {@code $}), in order: one more entry
     * than there are placeholders, empty where two placeholders or an end touch.
     */
    public List<String> literals() {
        return literals;
    }

    /** True when the template has no placeholder. */
    public boolean isConstant() {
        return variables.isEmpty();
    }

    @Override
    public String toString() {
        return source;
    }

    /** A placeholder had no value for the record being rendered. */
    public static final class MissingVariableException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String variable;

        public MissingVariableException(String variable, String template) {
            super("No value for '${" + variable + "}' in template '" + template + "'");
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }
    }
}
