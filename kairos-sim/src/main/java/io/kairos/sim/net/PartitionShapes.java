package io.kairos.sim.net;

import io.kairos.raft.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Builds the partition shapes the fault injector draws from. Every list of nodes is in id order. */
public final class PartitionShapes {

    private PartitionShapes() {
    }

    /** Two sides that do not hear each other in either direction. */
    public static Partition split(List<NodeId> sideA, List<NodeId> sideB) {
        List<Link> cut = new ArrayList<>();
        cutBetween(sideA, sideB, cut);
        return new Partition("split " + sideA + " | " + sideB, cut);
    }

    /** {@code node} hears nobody and nobody hears it. */
    public static Partition isolate(NodeId node, List<NodeId> others) {
        List<Link> cut = new ArrayList<>();
        cutBetween(List.of(node), without(others, node), cut);
        return new Partition("isolate " + node, cut);
    }

    /** Messages from {@code from} to each of {@code to} are lost; the other direction works. */
    public static Partition oneWay(NodeId from, List<NodeId> to) {
        List<Link> cut = new ArrayList<>();
        for (NodeId t : to) {
            if (!t.equals(from)) {
                cut.add(new Link(from, t));
            }
        }
        return new Partition("one-way " + from + " -/-> " + to, cut);
    }

    /** Two sides that do not hear each other, and a bridge node that hears both. */
    public static Partition bridge(NodeId bridge, List<NodeId> sideA, List<NodeId> sideB) {
        List<Link> cut = new ArrayList<>();
        cutBetween(sideA, sideB, cut);
        return new Partition("bridge " + bridge + " between " + sideA + " | " + sideB, cut);
    }

    /** A random split of {@code nodes} into two non-empty sides. */
    public static Partition randomSplit(List<NodeId> nodes, Random random) {
        List<NodeId> shuffled = shuffled(nodes, random);
        int sizeA = 1 + random.nextInt(shuffled.size() - 1);
        return split(sorted(shuffled.subList(0, sizeA)), sorted(shuffled.subList(sizeA, shuffled.size())));
    }

    /** A random bridge: one node, and the others split into two non-empty sides. Needs three nodes. */
    public static Partition randomBridge(List<NodeId> nodes, Random random) {
        List<NodeId> shuffled = shuffled(nodes, random);
        NodeId bridge = shuffled.remove(0);
        int sizeA = 1 + random.nextInt(shuffled.size() - 1);
        return bridge(bridge, sorted(shuffled.subList(0, sizeA)), sorted(shuffled.subList(sizeA, shuffled.size())));
    }

    /** One node stops reaching one or more random others (it still hears them). */
    public static Partition randomOneWay(List<NodeId> nodes, Random random) {
        List<NodeId> shuffled = shuffled(nodes, random);
        NodeId from = shuffled.remove(0);
        int count = 1 + random.nextInt(shuffled.size());
        return oneWay(from, sorted(shuffled.subList(0, count)));
    }

    private static void cutBetween(List<NodeId> sideA, List<NodeId> sideB, List<Link> cut) {
        for (NodeId a : sideA) {
            for (NodeId b : sideB) {
                cut.add(new Link(a, b));
                cut.add(new Link(b, a));
            }
        }
    }

    private static List<NodeId> shuffled(List<NodeId> nodes, Random random) {
        List<NodeId> copy = new ArrayList<>(nodes);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static List<NodeId> sorted(List<NodeId> nodes) {
        List<NodeId> copy = new ArrayList<>(nodes);
        Collections.sort(copy);
        return copy;
    }

    private static List<NodeId> without(List<NodeId> nodes, NodeId node) {
        List<NodeId> copy = new ArrayList<>(nodes);
        copy.remove(node);
        return copy;
    }
}
