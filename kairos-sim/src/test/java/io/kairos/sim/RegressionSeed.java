package io.kairos.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a regression-seed file: {@code seed nodes seconds faults | what it found}; lines
 * starting with {@code #} and blank ones are skipped. Shared by the Raft and the scheduler runs.
 */
public record RegressionSeed(long seed, int nodes, long durationSeconds, FaultMix faults, String finding) {

    @Override
    public String toString() {
        return "seed " + seed + " (" + nodes + " nodes, " + durationSeconds + " s): " + finding;
    }

    /** Every seed of a file on the test classpath. */
    public static List<RegressionSeed> read(String resource) throws IOException {
        List<RegressionSeed> out = new ArrayList<>();
        try (InputStream in = RegressionSeed.class.getResourceAsStream(resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", 2);
                String[] f = parts[0].trim().split("\\s+");
                out.add(new RegressionSeed(Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]),
                        FaultMix.parse(f[3]), parts.length > 1 ? parts[1].trim() : ""));
            }
        }
        return out;
    }
}
