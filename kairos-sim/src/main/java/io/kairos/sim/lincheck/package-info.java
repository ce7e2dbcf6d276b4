/**
 * A linearizability checker: given a concurrent history of operations and a sequential
 * specification ({@link io.kairos.sim.lincheck.Model}), decide whether some total order of the
 * operations, consistent with their real-time order, is legal for the specification.
 *
 * <p>The search is Wing and Gong's, with Lowe's improvements as Porcupine implements them: the
 * history becomes a doubly linked list of call and return events, an operation is linearized by
 * lifting its two events out of the list and undone by splicing them back, and every
 * (linearized set, model state) configuration already explored is memoized so it is never
 * explored twice. Histories are split per key by the model and each key is checked on its own,
 * smallest first, so a failure is reported for the smallest failing key.
 *
 * <p>Also here: a register and a key-value model, parsers for Jepsen register logs and EDN
 * key-value histories, and the {@code kairos lincheck} command.
 *
 * <p>This package depends on nothing of Kairos and nothing outside the JDK, so the simulator,
 * the command line and anyone else can feed it histories. It keeps no global state and starts no
 * thread; the only clock it reads is {@link System#nanoTime()}, to honour a check's timeout.
 */
package io.kairos.sim.lincheck;
