package io.kairos.sim.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLoopTest {

    @Test
    void actionsRunInTimeOrderAndInSchedulingOrderAtTheSameTime() {
        EventLoop loop = new EventLoop();
        List<String> ran = new ArrayList<>();
        loop.at(20, () -> ran.add("c"));
        loop.at(10, () -> ran.add("a"));
        loop.at(10, () -> ran.add("b"));
        loop.runUntil(100);
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(loop.nowMicros()).isEqualTo(100);
    }

    @Test
    void actionsScheduledWhileRunningRunInTheSameCallIfDue() {
        EventLoop loop = new EventLoop();
        List<Long> times = new ArrayList<>();
        loop.at(5, () -> loop.after(3, () -> times.add(loop.nowMicros())));
        loop.at(9, () -> loop.at(1, () -> times.add(loop.nowMicros()))); // the past means now
        loop.runUntil(10);
        assertThat(times).containsExactly(8L, 9L);
    }

    @Test
    void actionsAfterTheEndWaitForTheNextCall() {
        EventLoop loop = new EventLoop();
        List<String> ran = new ArrayList<>();
        loop.at(50, () -> ran.add("late"));
        loop.runUntil(10);
        assertThat(ran).isEmpty();
        loop.runUntil(50);
        assertThat(ran).containsExactly("late");
    }
}
