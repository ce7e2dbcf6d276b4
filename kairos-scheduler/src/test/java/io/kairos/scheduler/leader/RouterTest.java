package io.kairos.scheduler.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.RunState;
import io.kairos.scheduler.RunView;
import io.kairos.scheduler.WorkerView;
import io.kairos.scheduler.job.Target;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RouterTest {

    static RunView run(String jobId) {
        return new RunView(1, jobId, 0, 1, RunState.PENDING, null, 0, -1, -1, -1, 0, 0, "", "", false,
                new TreeMap<>(), 0, 1, "", 0);
    }

    static WorkerView worker(String id) {
        return new WorkerView(id, new TreeSet<>(), 10, false, 0);
    }

    @Test
    void roundRobinPositionsOfDeletedJobsAreForgotten() {
        Router router = new Router();
        List<WorkerView> group = List.of(worker("a"), worker("b"));
        assertThat(router.pick(run("kept"), Target.Routing.ROUND_ROBIN, group)).hasValue("a");
        assertThat(router.pick(run("gone"), Target.Routing.ROUND_ROBIN, group)).hasValue("a");
        router.forgetJobsOtherThan(jobId -> jobId.equals("kept"));
        assertThat(router.pick(run("kept"), Target.Routing.ROUND_ROBIN, group)).as("kept its turn").hasValue("b");
        assertThat(router.pick(run("gone"), Target.Routing.ROUND_ROBIN, group)).as("starts over").hasValue("a");
    }
}
