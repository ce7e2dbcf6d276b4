package io.kairos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SessionPoolTest {

    @Test
    void sessionsHeldAtTheSameTimeHaveDistinctClientIdsFromTheInstancesRange() {
        SessionPool pool = new SessionPool(1000, 3, 5);

        long a = pool.acquire().join().clientId;
        long b = pool.acquire().join().clientId;
        long c = pool.acquire().join().clientId;

        assertThat(new long[] {a, b, c}).containsExactlyInAnyOrder(1000, 1001, 1002);
    }

    @Test
    void sequencesStartFromTheClockAndGrowByOnePerWriteOfASession() {
        SessionPool pool = new SessionPool(1, 1, 5);
        SessionPool.Session s = pool.acquire().join();

        assertThat(s.nextSequence()).isEqualTo(5000);
        pool.release(s);
        assertThat(pool.acquire().join().nextSequence()).isEqualTo(5001);
    }

    @Test
    void beyondCapacityWritesWaitInOrderAndAWaiterThatGaveUpIsSkipped() {
        SessionPool pool = new SessionPool(1, 1, 5);
        SessionPool.Session only = pool.acquire().join();
        CompletableFuture<SessionPool.Session> gaveUp = pool.acquire();
        CompletableFuture<SessionPool.Session> patient = pool.acquire();
        assertThat(gaveUp).isNotDone();

        gaveUp.completeExceptionally(new java.util.concurrent.TimeoutException());
        pool.release(only);

        assertThat(patient).isCompletedWithValue(only);
        assertThat(pool.created()).isEqualTo(1);
    }

    @Test
    void aClientIdRangeThatOverflowsIsRefused() {
        assertThatThrownBy(() -> new SessionPool(Long.MAX_VALUE - 1, 2, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
