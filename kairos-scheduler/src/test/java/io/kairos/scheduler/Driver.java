package io.kairos.scheduler;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.CommandCodec;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.command.ResultCodec;
import io.kairos.scheduler.job.JobSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** Drives a state machine the way Raft does: every command encoded, applied at the next index, result decoded. */
final class Driver {

    final SchedulerStateMachine machine;
    private long index;

    Driver() {
        this(new SchedulerStateMachine());
    }

    Driver(SchedulerStateMachine machine) {
        this.machine = machine;
    }

    Result apply(Command command) {
        return ResultCodec.decode(machine.apply(++index, CommandCodec.encode(command)));
    }

    Result applyBytes(byte[] command) {
        return ResultCodec.decode(machine.apply(++index, command));
    }

    Driver create(String jobId, JobSpec spec) {
        Result r = apply(new Command.CreateJob(jobId, spec));
        if (!(r instanceof Result.Applied)) {
            throw new AssertionError("create " + jobId + ": " + r);
        }
        return this;
    }

    Driver tick(long millis) {
        apply(new Command.Tick(millis));
        return this;
    }

    Driver tick(String isoInstant) {
        return tick(Instant.parse(isoInstant).toEpochMilli());
    }

    Driver worker(String workerId, int capacity) {
        apply(new Command.RegisterWorker(workerId, Set.of("g"), capacity));
        return this;
    }

    Result trigger(String jobId) {
        return apply(new Command.TriggerJob(jobId, new TreeMap<>()));
    }

    Result assign(long runId, String workerId, int attempt) {
        return apply(new Command.Assign(runId, workerId, attempt));
    }

    Result finished(long runId, int attempt, Command.Outcome outcome) {
        return apply(new Command.Finished(runId, attempt, outcome, outcome == Command.Outcome.SUCCEEDED ? 0 : 1, "tail"));
    }

    List<RunView> runs(String jobId) {
        return machine.runs(jobId);
    }

    RunView run(String jobId, int i) {
        return runs(jobId).get(i);
    }

    /** Scheduled times of the job's kept runs, oldest first. */
    List<Long> fired(String jobId) {
        return runs(jobId).stream().map(RunView::scheduledMillis).toList();
    }

    JobView job(String jobId) {
        return machine.job(jobId).orElseThrow();
    }

    byte[] snapshot() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            machine.writeSnapshot(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Driver restoredFrom(byte[] snapshot) {
        SchedulerStateMachine m = new SchedulerStateMachine();
        try {
            m.restore(new ByteArrayInputStream(snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Driver(m);
    }

    static long at(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }
}
