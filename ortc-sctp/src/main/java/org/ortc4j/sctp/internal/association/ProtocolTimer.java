package org.ortc4j.sctp.internal.association;

import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.Scheduler;

/**
 * One restartable protocol timer (T1-init, T3-rtx, ...) on the association's scheduler.
 * Restarting it later than its task is scheduled only moves a deadline: the task, when it runs
 * early, schedules itself again for the rest. So T3-rtx, restarted on most SACKs, costs no
 * scheduling per SACK. Confined to the loop.
 */
final class ProtocolTimer {

    private final Scheduler scheduler;
    private final Runnable action;
    private long deadline = -1;
    private long scheduledFor;
    private Scheduler.Cancellable task;

    ProtocolTimer(Scheduler scheduler, Runnable action) {
        this.scheduler = scheduler;
        this.action = action;
    }

    /** (Re)starts the timer to expire {@code delayNanos} from now. */
    void start(long delayNanos) {
        long now = scheduler.nanoTime();
        deadline = now + Math.max(0, delayNanos);
        if (task != null && scheduledFor <= deadline) {
            return;
        }
        cancelTask();
        schedule(now);
    }

    /** Starts the timer unless it is running. */
    void startIfStopped(long delayNanos) {
        if (deadline < 0) {
            start(delayNanos);
        }
    }

    /** Stops the timer; a task already scheduled finds no deadline and does nothing. */
    void stop() {
        deadline = -1;
    }

    /** Stops the timer and drops its task (on close). */
    void cancel() {
        deadline = -1;
        cancelTask();
    }

    boolean isRunning() {
        return deadline >= 0;
    }

    private void schedule(long now) {
        scheduledFor = deadline;
        task = scheduler.schedule(this::fire, deadline - now, TimeUnit.NANOSECONDS);
    }

    private void cancelTask() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    private void fire() {
        task = null;
        if (deadline < 0) {
            return;
        }
        long now = scheduler.nanoTime();
        if (now < deadline) {
            schedule(now);
            return;
        }
        deadline = -1;
        action.run();
    }
}
