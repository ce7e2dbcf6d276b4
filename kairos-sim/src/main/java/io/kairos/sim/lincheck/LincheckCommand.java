package io.kairos.sim.lincheck;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kairos lincheck --model register|kv [--timeout-seconds N] FILE...}: checks each history
 * file for linearizability and prints one verdict per file,
 *
 * <pre>
 * FILE linearizable
 * FILE not-linearizable
 *   key "4": ...          (the smallest failing key and its operation window, indented)
 * FILE unknown (timed out)
 * </pre>
 *
 * <p>{@code register} files are Jepsen logs ({@link JepsenRegisterLogParser}), {@code kv} files
 * are EDN histories ({@link EdnKvHistoryParser}). Every file is read before any is checked, so a
 * typo in the last file costs no waiting.
 */
public final class LincheckCommand {

    /** Every file is linearizable. */
    public static final int LINEARIZABLE = 0;
    /** Some file is not linearizable, or its check timed out. */
    public static final int NOT_LINEARIZABLE = 1;
    /** The command line was wrong or a file could not be read. */
    public static final int USAGE_ERROR = 2;

    private static final String NAME = "kairos lincheck";
    private static final int PREFIX_LINES = 10;

    private LincheckCommand() {
    }

    /** What a history file's parser does, for either model. */
    @FunctionalInterface
    private interface HistoryParser<I, O> {
        List<Operation<I, O>> parse(Path file) throws IOException;
    }

    private record History<I, O>(String file, List<Operation<I, O>> operations) {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code kairos lincheck}
     * @param out where verdicts go
     * @param err where usage and file errors go
     * @return {@link #LINEARIZABLE}, {@link #NOT_LINEARIZABLE} or {@link #USAGE_ERROR}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        LincheckArguments arguments;
        try {
            arguments = LincheckArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println(LincheckArguments.USAGE);
            return USAGE_ERROR;
        }
        if (arguments.help()) {
            out.println(LincheckArguments.USAGE);
            return LINEARIZABLE;
        }
        return arguments.model().equals("register")
                ? checkAll(new RegisterModel(), JepsenRegisterLogParser::parse, arguments, out, err)
                : checkAll(new KvModel(), EdnKvHistoryParser::parse, arguments, out, err);
    }

    private static <S, I, O> int checkAll(Model<S, I, O> model, HistoryParser<I, O> parser,
            LincheckArguments arguments, PrintStream out, PrintStream err) {
        List<History<I, O>> histories = new ArrayList<>();
        boolean unreadable = false;
        for (String file : arguments.files()) {
            try {
                histories.add(new History<>(file, parser.parse(Path.of(file))));
            } catch (IOException e) {
                err.println(NAME + ": " + readError(file, e));
                unreadable = true;
            }
        }
        if (unreadable) {
            return USAGE_ERROR;
        }
        int exitCode = LINEARIZABLE;
        for (History<I, O> history : histories) {
            CheckResult<I, O> result = LinearizabilityChecker.check(model, history.operations(), arguments.timeout());
            if (!(result instanceof CheckResult.Linearizable)) {
                exitCode = NOT_LINEARIZABLE;
            }
            print(history.file(), model, result, out);
        }
        return exitCode;
    }

    private static <I, O> void print(String file, Model<?, I, O> model, CheckResult<I, O> result, PrintStream out) {
        if (result instanceof CheckResult.Linearizable) {
            out.println(file + " linearizable");
        } else if (result instanceof CheckResult.NotLinearizable<I, O> failure) {
            out.println(file + " not-linearizable");
            failure.describe(model, PREFIX_LINES).forEach(line -> out.println("  " + line));
        } else if (result instanceof CheckResult.Unknown) {
            out.println(file + " unknown (timed out)");
        } else {
            throw new AssertionError("unhandled check result: " + result);
        }
    }

    private static String readError(String file, IOException e) {
        if (e instanceof MalformedHistoryException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "cannot read " + file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read " + file + ": permission denied";
        }
        return "cannot read " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
