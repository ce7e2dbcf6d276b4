package io.kairos.sim.lincheck;

import io.kairos.sim.lincheck.RegisterInput.CompareAndSet;
import io.kairos.sim.lincheck.RegisterInput.Read;
import io.kairos.sim.lincheck.RegisterInput.Write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Jepsen log of a compare-and-set register, one event per line:
 *
 * <pre>
 * INFO  jepsen.util - 3   :invoke :read   nil
 * INFO  jepsen.util - 3   :ok     :read   4
 * INFO  jepsen.util - 1   :invoke :cas    [4 2]
 * INFO  jepsen.util - 1   :fail   :cas    [4 2]
 * INFO  jepsen.util - 2   :info   :write  :timed-out
 * </pre>
 *
 * <p>Call and return times are line numbers, processes are clients. {@code :ok} completes an
 * operation; {@code :fail :cas} means the register did not hold the expected value;
 * {@code :fail} of a read or write means it took no effect, so it leaves the history;
 * {@code :info}, or no completion at all, leaves the outcome unknown. Lines that are not a numbered
 * process's event (nemesis events, other logging) are skipped; a process's event that cannot be
 * read, or that does not match the process's open invocation, is an error.
 */
public final class JepsenRegisterLogParser {

    private static final Set<String> EVENT_TYPES = Set.of(":invoke", ":ok", ":fail", ":info");
    private static final Pattern PROCESS_EVENT =
            Pattern.compile("^INFO\\s+jepsen\\.util\\s+-\\s+(\\d+)\\s+(.*)$");
    private static final Pattern TYPE_F_VALUE = Pattern.compile("^(:\\S+)\\s+(:\\S+)(?:\\s+(.*?))?\\s*$");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern PAIR = Pattern.compile("\\[\\s*(-?\\d+)\\s+(-?\\d+)\\s*]");

    private JepsenRegisterLogParser() {
    }

    /** Reads the log at {@code file}. */
    public static List<Operation<RegisterInput, RegisterOutput>> parse(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Reads a log's {@code lines}; {@code source} names them in errors. */
    static List<Operation<RegisterInput, RegisterOutput>> parse(String source, List<String> lines)
            throws MalformedHistoryException {
        HistoryBuilder<RegisterInput, RegisterOutput> history = new HistoryBuilder<>();
        for (int i = 0; i < lines.size(); i++) {
            HistoryLine line = new HistoryLine(source, i + 1, lines.get(i));
            Matcher event = PROCESS_EVENT.matcher(line.text());
            if (event.matches()) {
                readEvent(history, line, line.parseInt(event.group(1)), event.group(2));
            }
        }
        return history.operations();
    }

    private static void readEvent(HistoryBuilder<RegisterInput, RegisterOutput> history, HistoryLine line,
            int process, String event) throws MalformedHistoryException {
        Matcher fields = TYPE_F_VALUE.matcher(event);
        if (!fields.matches()) {
            throw line.malformed("expected ':type :f value' after process " + process);
        }
        String type = fields.group(1);
        if (!EVENT_TYPES.contains(type)) {
            throw line.malformed("unknown event type " + type);
        }
        String f = fields.group(2);
        String value = fields.group(3) == null ? "" : fields.group(3);
        if (type.equals(":invoke")) {
            history.invoke(process, invocation(line, f, value), line.number());
            return;
        }
        RegisterInput invoked = history.openInput(process);
        if (invoked == null) {
            throw line.malformed(type + " completion, but process " + process + " has no open invocation");
        }
        if (!f.equals(f(invoked))) {
            throw line.malformed(type + " " + f + " completion, but process " + process + " invoked "
                    + f(invoked));
        }
        switch (type) {
            case ":ok" -> history.complete(process, okOutput(line, invoked, value), line.number());
            case ":fail" -> {
                if (invoked instanceof CompareAndSet) {
                    requireEcho(line, invoked, value);
                    history.complete(process, new RegisterOutput.CasFailed(), line.number());
                } else {
                    history.drop(process);
                }
            }
            case ":info" -> history.outcomeUnknown(process);
            default -> throw new AssertionError("unhandled event type " + type);
        }
    }

    private static RegisterInput invocation(HistoryLine line, String f, String value)
            throws MalformedHistoryException {
        return switch (f) {
            case ":read" -> {
                if (!value.equals("nil")) {
                    throw line.malformed("a read is invoked with nil, not " + value);
                }
                yield new Read();
            }
            case ":write" -> new Write(integer(line, value));
            case ":cas" -> {
                Matcher pair = PAIR.matcher(value);
                if (!pair.matches()) {
                    throw line.malformed("a cas takes [expected replacement], not " + value);
                }
                yield new CompareAndSet(line.parseInt(pair.group(1)), line.parseInt(pair.group(2)));
            }
            default -> throw line.malformed("unknown register operation " + f);
        };
    }

    private static RegisterOutput okOutput(HistoryLine line, RegisterInput invoked, String value)
            throws MalformedHistoryException {
        if (invoked instanceof Read) {
            return new RegisterOutput.ReadReturned(
                    value.equals("nil") ? OptionalInt.empty() : OptionalInt.of(integer(line, value)));
        }
        requireEcho(line, invoked, value);
        return new RegisterOutput.Ok();
    }

    /** Jepsen repeats a write's or cas's argument in its completion; a different one is a mix-up. */
    private static void requireEcho(HistoryLine line, RegisterInput invoked, String value)
            throws MalformedHistoryException {
        RegisterInput echoed = invocation(line, f(invoked), value);
        if (!echoed.equals(invoked)) {
            throw line.malformed("completion's value " + value + " differs from the invocation's");
        }
    }

    private static int integer(HistoryLine line, String value) throws MalformedHistoryException {
        if (!INTEGER.matcher(value).matches()) {
            throw line.malformed("expected an integer, not " + value);
        }
        return line.parseInt(value);
    }

    private static String f(RegisterInput input) {
        if (input instanceof Read) {
            return ":read";
        }
        if (input instanceof Write) {
            return ":write";
        }
        if (input instanceof CompareAndSet) {
            return ":cas";
        }
        throw new AssertionError("unhandled register input: " + input);
    }
}
