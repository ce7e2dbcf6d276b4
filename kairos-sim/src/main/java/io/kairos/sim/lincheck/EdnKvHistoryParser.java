package io.kairos.sim.lincheck;

import io.kairos.sim.lincheck.KvInput.Append;
import io.kairos.sim.lincheck.KvInput.Get;
import io.kairos.sim.lincheck.KvInput.Put;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a key-value history written as one EDN map per line:
 *
 * <pre>
 * {:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}
 * {:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}
 * {:process 1, :type :invoke, :f :get, :key "4", :value nil}
 * {:process 1, :type :ok, :f :get, :key "4", :value "x 0 1 y"}
 * </pre>
 *
 * <p>Call and return times are line numbers, processes are clients. {@code :ok} completes an
 * operation, {@code :fail} means it took no effect (it leaves the history), {@code :info} or no
 * completion at all leaves its outcome unknown. Maps whose {@code :process} is a keyword (the
 * nemesis) and blank lines are skipped; anything else that cannot be read, or does not match the
 * process's open invocation, is an error.
 */
public final class EdnKvHistoryParser {

    private static final Set<String> EVENT_TYPES = Set.of("invoke", "ok", "fail", "info");

    private EdnKvHistoryParser() {
    }

    /** Reads the history at {@code file}. */
    public static List<Operation<KvInput, KvOutput>> parse(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Reads a history's {@code lines}; {@code source} names them in errors. */
    static List<Operation<KvInput, KvOutput>> parse(String source, List<String> lines)
            throws MalformedHistoryException {
        HistoryBuilder<KvInput, KvOutput> history = new HistoryBuilder<>();
        for (int i = 0; i < lines.size(); i++) {
            HistoryLine line = new HistoryLine(source, i + 1, lines.get(i));
            if (!line.text().isBlank()) {
                readEvent(history, line, EdnMapReader.read(line));
            }
        }
        return history.operations();
    }

    private static void readEvent(HistoryBuilder<KvInput, KvOutput> history, HistoryLine line,
            Map<String, EdnValue> event) throws MalformedHistoryException {
        EdnValue processValue = field(line, event, "process");
        if (processValue instanceof EdnValue.Keyword) {
            return;
        }
        if (!(processValue instanceof EdnValue.Int processId)) {
            throw line.malformed(":process must be an integer or a keyword, not " + processValue);
        }
        int process = line.parseInt(Long.toString(processId.value()));
        String type = keyword(line, event, "type");
        if (!EVENT_TYPES.contains(type)) {
            throw line.malformed("unknown :type :" + type);
        }
        String f = keyword(line, event, "f");
        String key = text(line, event, "key");
        EdnValue value = field(line, event, "value");
        if (type.equals("invoke")) {
            history.invoke(process, invocation(line, f, key, value), line.number());
            return;
        }
        KvInput invoked = history.openInput(process);
        if (invoked == null) {
            throw line.malformed(":" + type + " completion, but process " + process + " has no open invocation");
        }
        if (!f.equals(f(invoked)) || !key.equals(invoked.key())) {
            throw line.malformed(":" + f + " of key \"" + key + "\" completes process " + process
                    + "'s invocation of :" + f(invoked) + " of key \"" + invoked.key() + "\"");
        }
        switch (type) {
            case "ok" -> history.complete(process, okOutput(line, invoked, value), line.number());
            case "fail" -> history.drop(process);
            case "info" -> history.outcomeUnknown(process);
            default -> throw new AssertionError("unhandled event type " + type);
        }
    }

    private static KvInput invocation(HistoryLine line, String f, String key, EdnValue value)
            throws MalformedHistoryException {
        return switch (f) {
            case "get" -> {
                if (!(value instanceof EdnValue.Nil)) {
                    throw line.malformed("a get is invoked with :value nil, not " + value);
                }
                yield new Get(key);
            }
            case "put" -> new Put(key, text(line, "put's :value", value));
            case "append" -> new Append(key, text(line, "append's :value", value));
            default -> throw line.malformed("unknown kv operation :" + f);
        };
    }

    private static KvOutput okOutput(HistoryLine line, KvInput invoked, EdnValue value)
            throws MalformedHistoryException {
        if (invoked instanceof Get) {
            return new KvOutput.GetReturned(text(line, "get's :value", value));
        }
        // Jepsen repeats a put's or append's value in its completion; a different one is a mix-up.
        String echoed = text(line, ":value", value);
        String written = invoked instanceof Put put ? put.value() : ((Append) invoked).value();
        if (!echoed.equals(written)) {
            throw line.malformed("completion's :value differs from the invocation's \"" + written + "\"");
        }
        return new KvOutput.Ok();
    }

    private static String f(KvInput input) {
        if (input instanceof Get) {
            return "get";
        }
        if (input instanceof Put) {
            return "put";
        }
        if (input instanceof Append) {
            return "append";
        }
        throw new AssertionError("unhandled kv input: " + input);
    }

    private static EdnValue field(HistoryLine line, Map<String, EdnValue> event, String name)
            throws MalformedHistoryException {
        EdnValue value = event.get(name);
        if (value == null) {
            throw line.malformed("missing :" + name);
        }
        return value;
    }

    private static String keyword(HistoryLine line, Map<String, EdnValue> event, String name)
            throws MalformedHistoryException {
        EdnValue value = field(line, event, name);
        if (!(value instanceof EdnValue.Keyword keyword)) {
            throw line.malformed(":" + name + " must be a keyword, not " + value);
        }
        return keyword.name();
    }

    private static String text(HistoryLine line, Map<String, EdnValue> event, String name)
            throws MalformedHistoryException {
        return text(line, ":" + name, field(line, event, name));
    }

    private static String text(HistoryLine line, String what, EdnValue value) throws MalformedHistoryException {
        if (!(value instanceof EdnValue.Text text)) {
            throw line.malformed(what + " must be a string, not " + value);
        }
        return text.value();
    }
}
