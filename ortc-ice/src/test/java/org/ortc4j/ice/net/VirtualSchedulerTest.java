package org.ortc4j.ice.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.concurrent.DefaultEventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<String> log = new ArrayList<>();

    private void at(String name) {
        log.add(name + "@" + TimeUnit.NANOSECONDS.toMillis(scheduler.nanoTime()));
    }

    @Test
    void timeStandsStillUntilAdvanced() {
        scheduler.schedule(() -> at("a"), 10, TimeUnit.MILLISECONDS);

        assertThat(scheduler.nanoTime()).isZero();
        assertThat(log).isEmpty();
        scheduler.advance(Duration.ofMillis(9));
        assertThat(log).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(log).containsExactly("a@10");
        assertThat(scheduler.nanoTime()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
    }

    @Test
    void dueTasksRunInOrderOfTimeThenOfScheduling() {
        scheduler.schedule(() -> at("late"), 30, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> at("first"), 10, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> at("second"), 10, TimeUnit.MILLISECONDS);

        scheduler.advance(Duration.ofSeconds(1));

        assertThat(log).containsExactly("first@10", "second@10", "late@30");
        assertThat(scheduler.nanoTime()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void tasksScheduledByTasksRunWhenDueWithinTheSameAdvance() {
        scheduler.schedule(() -> {
            at("outer");
            scheduler.schedule(() -> at("inner"), 5, TimeUnit.MILLISECONDS);
            scheduler.schedule(() -> at("beyond"), 100, TimeUnit.MILLISECONDS);
        }, 10, TimeUnit.MILLISECONDS);

        scheduler.advance(Duration.ofMillis(50));

        assertThat(log).containsExactly("outer@10", "inner@15");
        assertThat(scheduler.pendingTasks()).isEqualTo(1);
        assertThat(scheduler.nextDueNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(110));
    }

    @Test
    void cancelledTasksDoNotRun() {
        Scheduler.Cancellable task = scheduler.schedule(() -> at("cancelled"), 10, TimeUnit.MILLISECONDS);
        task.cancel();

        scheduler.advance(Duration.ofSeconds(1));

        assertThat(log).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void timeDoesNotGoBackwards() {
        assertThatThrownBy(() -> scheduler.advance(-1, TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void executorSchedulerRunsTasksOnTheExecutor() throws Exception {
        DefaultEventExecutor executor = new DefaultEventExecutor();
        try {
            ExecutorScheduler real = new ExecutorScheduler(executor);
            CompletableFuture<Thread> ran = new CompletableFuture<>();
            CompletableFuture<Boolean> inLoop = new CompletableFuture<>();
            real.schedule(() -> ran.complete(Thread.currentThread()), 0, TimeUnit.MILLISECONDS);
            real.execute(() -> inLoop.complete(real.inLoop()));
            CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
            real.schedule(() -> cancelled.complete(true), 1, TimeUnit.HOURS).cancel();

            assertThat(ran.get(10, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
            assertThat(cancelled).isNotDone();
            assertThat(inLoop.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(real.inLoop()).isFalse();
        } finally {
            executor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }
    }
}
