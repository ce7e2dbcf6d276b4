package io.kairos.sim.lincheck;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one flat EDN map whose keys are keywords and whose values are keywords, strings,
 * integers or {@code nil}, e.g. {@code {:process 0, :type :ok, :f :get, :key "4", :value "x"}}.
 * Commas are whitespace, as in EDN. Nested collections are not needed by any history we read and
 * are rejected.
 */
final class EdnMapReader {

    private final HistoryLine line;
    private final String text;
    private int position;

    private EdnMapReader(HistoryLine line) {
        this.line = line;
        this.text = line.text();
    }

    /** The line's map, keyed by keyword names without the colon. */
    static Map<String, EdnValue> read(HistoryLine line) throws MalformedHistoryException {
        return new EdnMapReader(line).map();
    }

    private Map<String, EdnValue> map() throws MalformedHistoryException {
        skipWhitespace();
        expect('{');
        Map<String, EdnValue> entries = new LinkedHashMap<>();
        while (true) {
            skipWhitespace();
            if (peek() == '}') {
                position++;
                break;
            }
            EdnValue key = value();
            if (!(key instanceof EdnValue.Keyword keyword)) {
                throw error("map keys must be keywords, found " + key);
            }
            skipWhitespace();
            if (entries.put(keyword.name(), value()) != null) {
                throw error("duplicate key :" + keyword.name());
            }
        }
        skipWhitespace();
        if (position < text.length()) {
            throw error("unexpected text after the map");
        }
        return entries;
    }

    private EdnValue value() throws MalformedHistoryException {
        char first = peek();
        if (first == '"') {
            return new EdnValue.Text(string());
        }
        String token = token();
        if (token.isEmpty()) {
            throw error("expected a value");
        }
        if (token.startsWith(":") && token.length() > 1) {
            return new EdnValue.Keyword(token.substring(1));
        }
        if (token.equals("nil")) {
            return new EdnValue.Nil();
        }
        if (token.matches("[+-]?\\d+")) {
            try {
                return new EdnValue.Int(Long.parseLong(token));
            } catch (NumberFormatException e) {
                throw error("integer out of range: " + token);
            }
        }
        throw error("unsupported EDN value " + token);
    }

    private String string() throws MalformedHistoryException {
        int start = position;
        position++;
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
            } else if (position < text.length()) {
                value.append(unescape(text.charAt(position++)));
            }
        }
        position = start;
        throw error("unterminated string");
    }

    private char unescape(char escaped) throws MalformedHistoryException {
        return switch (escaped) {
            case '"', '\\' -> escaped;
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default -> throw error("unsupported escape \\" + escaped);
        };
    }

    /** A run of characters up to whitespace, a comma or a delimiter. */
    private String token() {
        int start = position;
        while (position < text.length() && !isWhitespace(text.charAt(position))
                && "{}[]()\"".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        return text.substring(start, position);
    }

    private void expect(char c) throws MalformedHistoryException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private char peek() throws MalformedHistoryException {
        if (position >= text.length()) {
            throw error("unexpected end of line");
        }
        return text.charAt(position);
    }

    private void skipWhitespace() {
        while (position < text.length() && isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ',' || Character.isWhitespace(c);
    }

    private MalformedHistoryException error(String reason) {
        return line.malformed(reason + " at column " + (position + 1));
    }
}
