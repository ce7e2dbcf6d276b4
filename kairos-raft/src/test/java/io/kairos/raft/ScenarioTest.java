package io.kairos.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden scenario scripts in {@code src/test/resources/scenarios}: each block is a command, a
 * {@code ----} line, and the trace the command must produce. Run with
 * {@code -Dkairos.rewrite=true} to rewrite the expected traces from the actual ones, then review
 * the change as a diff.
 */
class ScenarioTest {

    private static final Path SCENARIOS = Path.of("src", "test", "resources", "scenarios");

    record Block(String command, String expected) {
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioProducesItsExpectedTrace() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SCENARIOS)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> runScenario(f)));
    }

    private static void runScenario(Path file) throws IOException {
        List<Block> blocks = parse(Files.readAllLines(file, StandardCharsets.UTF_8), file);
        ScenarioDriver driver = new ScenarioDriver();
        StringBuilder rewritten = new StringBuilder();
        List<String> mismatches = new ArrayList<>();
        for (Block b : blocks) {
            String actual = driver.run(b.command());
            rewritten.append(b.command()).append("\n----\n");
            if (!actual.isEmpty()) {
                rewritten.append(actual).append("\n");
            }
            rewritten.append("\n");
            if (!actual.equals(b.expected())) {
                mismatches.add("after `" + b.command() + "`\nexpected:\n" + b.expected() + "\nactual:\n" + actual);
            }
        }
        if (Boolean.getBoolean("kairos.rewrite")) {
            Files.writeString(file, rewritten.toString().stripTrailing() + "\n", StandardCharsets.UTF_8);
            return;
        }
        assertThat(mismatches).as(file + " (rerun with -Dkairos.rewrite=true to regenerate)").isEmpty();
    }

    static List<Block> parse(List<String> lines, Path file) {
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).strip().equals("----")) {
                throw new IllegalArgumentException(file + ":" + (i + 2) + ": expected ---- after command `" + line + "`");
            }
            i += 2;
            List<String> out = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                out.add(lines.get(i));
                i++;
            }
            blocks.add(new Block(line, String.join("\n", out)));
        }
        return blocks;
    }
}
