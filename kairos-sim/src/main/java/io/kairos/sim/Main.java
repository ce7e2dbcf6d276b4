package io.kairos.sim;

import io.kairos.sim.lincheck.LincheckCommand;
import java.util.Arrays;
import java.util.List;

/** The simulator's command line: {@code sim} runs seeds, {@code lincheck} checks history files. */
public final class Main {

    private static final String USAGE = """
            usage: kairos <command> [options]
              sim        run the deterministic cluster simulator (kairos sim --help)
              lincheck   check recorded histories for linearizability (kairos lincheck --help)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> args) {
        if (args.isEmpty()) {
            System.err.print(USAGE);
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "sim" -> {
                if (rest.contains("--help")) {
                    System.out.print(SimOptions.USAGE);
                    return 0;
                }
                return SimCommand.run(rest, System.out, System.err);
            }
            case "lincheck" -> {
                return LincheckCommand.run(rest.toArray(new String[0]), System.out, System.err);
            }
            default -> {
                System.err.println("kairos: unknown command " + args.get(0));
                System.err.print(USAGE);
                return 2;
            }
        }
    }
}
