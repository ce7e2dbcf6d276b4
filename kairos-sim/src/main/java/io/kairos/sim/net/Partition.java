package io.kairos.sim.net;

import java.util.List;

/**
 * A network fault: the directed links it cuts while it is in force.
 *
 * @param description what the shape is, for reports ("split [n1, n2] | [n3]")
 * @param cut the links no message crosses
 */
public record Partition(String description, List<Link> cut) {

    public Partition {
        cut = List.copyOf(cut);
    }

    @Override
    public String toString() {
        return description;
    }
}
