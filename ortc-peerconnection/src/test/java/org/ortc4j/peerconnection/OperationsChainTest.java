package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ortc4j.ice.InvalidStateException;

/** The peer connection's serial lane over the shared {@link LaneThreads} pool. */
@Timeout(30)
class OperationsChainTest {

    private static final long WAIT = 10;

    @Test
    void tasksOfOneLaneRunInOrderOneAtATime() throws Exception {
        OperationsChain lane = new OperationsChain("order");
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int count = 2_000;
        CompletableFuture<Integer> last = null;
        for (int i = 0; i < count; i++) {
            int n = i;
            Runnable body = () -> {
                if (running.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                seen.add(n);
                running.decrementAndGet();
            };
            // Posts and operations share one queue.
            if (i % 2 == 0) {
                lane.post(body);
            } else {
                last = lane.operation(() -> {
                    body.run();
                    return n;
                });
            }
        }
        assertThat(last.get(WAIT, TimeUnit.SECONDS)).isEqualTo(count - 1);
        assertThat(overlaps).hasValue(0);
        assertThat(seen).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
    }

    @Test
    void onChainIsTrueOnlyInsideTheLanesOwnTask() throws Exception {
        OperationsChain lane = new OperationsChain("on-chain");
        OperationsChain other = new OperationsChain("other");
        assertThat(lane.onChain()).isFalse();
        assertThat(lane.operation(lane::onChain).get(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(other.operation(lane::onChain).get(WAIT, TimeUnit.SECONDS)).isFalse();
        // After its task the pool thread may serve another lane: it is no longer this lane's.
        assertThat(lane.operation(() -> other.call(lane::onChain)).get(WAIT, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void callOnTheLaneRunsAtOnceInsteadOfWaitingForItself() throws Exception {
        OperationsChain lane = new OperationsChain("reentrant");
        String result = lane.operation(() -> lane.call(() -> lane.call(() -> "inner"))).get(WAIT, TimeUnit.SECONDS);
        assertThat(result).isEqualTo("inner");
    }

    @Test
    void callFromAnotherLaneWaitsForThatLanesTurnWithoutDeadlock() throws Exception {
        // Many lanes, each of whose tasks waits for the next lane: the pool must grow for them.
        int lanes = 64;
        List<OperationsChain> chain = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            chain.add(new OperationsChain("lane-" + i));
        }
        CountDownLatch allStarted = new CountDownLatch(lanes - 1);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < lanes - 1; i++) {
            OperationsChain next = chain.get(i + 1);
            results.add(chain.get(i).operation(() -> {
                allStarted.countDown();
                return next.call(() -> 1);
            }));
        }
        // Every lane but the last is now blocked in a pool thread at the same time.
        assertThat(allStarted.await(WAIT, TimeUnit.SECONDS)).isTrue();
        for (CompletableFuture<Integer> result : results) {
            assertThat(result.get(WAIT, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void callWaitsForQueuedWorkAndReturnsItsValue() {
        OperationsChain lane = new OperationsChain("call");
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        lane.post(() -> {
            await(release);
            order.add("first");
        });
        CompletableFuture<String> caller = CompletableFuture.supplyAsync(() -> lane.call(() -> {
            order.add("second");
            return "value";
        }));
        release.countDown();
        assertThat(caller.join()).isEqualTo("value");
        assertThat(order).containsExactly("first", "second");
    }

    @Test
    void shutdownRunsTheQueuedTasksThenRefusesNewOnes() throws Exception {
        OperationsChain lane = new OperationsChain("shutdown");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        lane.post(() -> await(release));
        for (int i = 0; i < 100; i++) {
            lane.post(ran::incrementAndGet);
        }
        CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> lane.shutdown(WAIT));
        // shutdown() is waiting for the queue; new work is already refused.
        awaitShutdownFlag(lane);
        CompletableFuture<Integer> late = lane.operation(() -> 1);
        assertThatThrownBy(late::join).hasCauseInstanceOf(InvalidStateException.class);
        lane.post(ran::incrementAndGet);
        assertThat(lane.isTerminated()).isFalse();

        release.countDown();
        assertThat(shutdown.get(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(lane.isTerminated()).isTrue();
        assertThat(ran).hasValue(100);
        // Reading after shutdown runs on the caller, on the final state.
        assertThat(lane.call(ran::get)).isEqualTo(100);
    }

    @Test
    void shutdownOfAnIdleLaneTerminatesAtOnceAndFromItsOwnTaskDoesNotWaitForItself() throws Exception {
        OperationsChain idle = new OperationsChain("idle");
        assertThat(idle.isTerminated()).isFalse();
        assertThat(idle.shutdown(0)).isTrue();
        assertThat(idle.isTerminated()).isTrue();

        OperationsChain self = new OperationsChain("self");
        AtomicInteger after = new AtomicInteger();
        CompletableFuture<Boolean> fromInside = self.operation(() -> {
            self.post(after::incrementAndGet);
            return self.shutdown(WAIT);
        });
        assertThat(fromInside.get(WAIT, TimeUnit.SECONDS)).isTrue();
        // The task queued before the shutdown still runs; then the lane ends.
        awaitTerminated(self);
        assertThat(after).hasValue(1);
    }

    @Test
    void anErrorInATaskFailsItsOperationAndTheLaneGoesOn() throws Exception {
        OperationsChain lane = new OperationsChain("error");
        CompletableFuture<Object> failed = lane.operation(() -> {
            throw new AssertionError("broken");
        });
        lane.post(() -> {
            throw new IllegalStateException("broken post");
        });
        CompletableFuture<String> next = lane.operation(() -> "still running");
        assertThatThrownBy(() -> failed.get(WAIT, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AssertionError.class);
        assertThat(next.get(WAIT, TimeUnit.SECONDS)).isEqualTo("still running");
        assertThat(lane.operation(lane::onChain).get(WAIT, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInterruptInATaskDoesNotReachTheNextTask() throws Exception {
        OperationsChain lane = new OperationsChain("interrupt");
        lane.post(() -> Thread.currentThread().interrupt());
        assertThat(lane.operation(() -> Thread.currentThread().isInterrupted()).get(WAIT, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void quietLanesHoldNoThread() throws Exception {
        List<OperationsChain> lanes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            OperationsChain lane = new OperationsChain("quiet-" + i);
            lanes.add(lane);
            assertThat(lane.operation(() -> true).get(WAIT, TimeUnit.SECONDS)).isTrue();
        }
        // 200 live lanes, none busy: every pool thread ends after its keep-alive.
        assertThat(LaneThreads.awaitNoThreads(LaneThreads.KEEP_ALIVE.plusSeconds(WAIT))).isTrue();
        assertThat(LaneThreads.liveThreads()).isZero();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("ortc4j-pc-lane-")) {
                // Counted out as its last step: it is leaving, not waiting for work.
                thread.join(TimeUnit.SECONDS.toMillis(WAIT));
                assertThat(thread.isAlive()).as(thread.getName()).isFalse();
            }
        }
        // And they take a thread again when work comes.
        assertThat(lanes.get(199).operation(() -> Thread.currentThread().getName()).get(WAIT, TimeUnit.SECONDS))
                .startsWith("ortc4j-pc-lane-");
    }

    @Test
    void aFullLaneRefusesMoreWork() throws Exception {
        OperationsChain lane = new OperationsChain("full");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        lane.post(() -> {
            started.countDown();
            await(release);
        });
        assertThat(started.await(WAIT, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < OperationsChain.MAX_QUEUED - 1; i++) {
            lane.post(ran::incrementAndGet);
        }
        CompletableFuture<Integer> last = lane.operation(ran::get);
        CompletableFuture<Integer> refused = lane.operation(() -> 1);
        assertThat(refused).isCompletedExceptionally();
        release.countDown();
        // The queued tasks all run; only the one over the limit was refused.
        assertThat(last.get(WAIT, TimeUnit.SECONDS)).isEqualTo(OperationsChain.MAX_QUEUED - 1);
        assertThat(lane.operation(ran::get).get(WAIT, TimeUnit.SECONDS)).isEqualTo(OperationsChain.MAX_QUEUED - 1);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitShutdownFlag(OperationsChain lane) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(WAIT).toNanos();
        while (!lane.isShutdown()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void awaitTerminated(OperationsChain lane) {
        // shutdown(seconds) from outside waits for the end: it returns true at once when done.
        assertThat(lane.shutdown(WAIT)).isTrue();
        assertThat(lane.isTerminated()).isTrue();
    }
}
