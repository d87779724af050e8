package org.ortc4j.ice.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Scheduler} in virtual time, for tests: time stands still until {@link #advance} moves
 * it, and due tasks run then, in order of due time and, for equal times, in the order they were
 * scheduled. Deterministic and single-threaded: call it from one thread only.
 *
 * <p>Real-time mode: for code that has its own threads and wall-clock timers (Bouncy Castle's
 * DTLS handshake), {@link #runInRealTime()} hands the scheduler to a {@link RealTimeDriver}
 * whose thread then owns it: virtual time follows the wall clock, {@link #inLoop()} is true on
 * the driver's thread only, and tasks scheduled from other threads go through a thread-safe inbox.
 * {@link #advance} is then refused, and {@link #nanoTime()} read off the driver's thread gives the
 * time the driver last set (it may lag the wall clock while the driver sleeps). Without a driver
 * nothing of that applies and the scheduler is exactly the single-threaded one described above.
 *
 * <p>It lives in main sources (module-private) so that other modules' cores can reuse it once the
 * project decides how to share it.
 */
public final class VirtualScheduler implements Scheduler {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    // Volatile so that threads other than a driver's may read the clock; written on one thread.
    private volatile long now;
    private long sequence;

    // Real-time mode only: the driver's thread (null until a driver takes over; kept once it
    // stopped, so that nothing else plays the loop afterwards), the inbox other threads schedule
    // through, and whether the driver has stopped (then tasks are discarded).
    private volatile Thread driverThread;
    private volatile boolean stopped;
    private final ConcurrentLinkedQueue<Task> inbox = new ConcurrentLinkedQueue<>();

    /** A scheduler whose clock starts at 0. */
    public VirtualScheduler() {
        this(0);
    }

    /** A scheduler whose clock starts at {@code startNanos}. */
    public VirtualScheduler(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /**
     * Always true while no {@link RealTimeDriver} runs: a virtual-time world has one thread, the
     * test's, which plays the loop; public methods of transport objects therefore run at once
     * when a test calls them. In real-time mode, true on the driver's thread only (and on no
     * thread once the driver has stopped).
     */
    @Override
    public boolean inLoop() {
        Thread driver = driverThread;
        return driver == null || driver == Thread.currentThread();
    }

    /**
     * {@inheritDoc}
     *
     * <p>In real-time mode a task scheduled from a thread other than the driver's is queued in
     * the inbox; its delay counts from when the driver takes it from there, with its clock caught
     * up with the wall clock (at once, unless the driver is busy running tasks). After the driver
     * stopped, tasks are discarded.
     */
    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Objects.requireNonNull(task, "task");
        long delayNanos = Math.max(0, unit.toNanos(delay));
        Thread driver = driverThread;
        if (driver == null || driver == Thread.currentThread()) {
            Task scheduled = new Task(task);
            enqueue(scheduled, delayNanos);
            return scheduled::cancel;
        }
        if (stopped) {
            return () -> { };
        }
        Task submitted = new Task(task);
        submitted.due = delayNanos;   // relative until the driver takes it from the inbox
        inbox.add(submitted);
        LockSupport.unpark(driver);
        return submitted::cancel;
    }

    /**
     * Moves the clock forward by {@code duration}, running each task that falls due on the way
     * with the clock set to its due time; tasks those tasks schedule run too if they fall due
     * before the end.
     *
     * @throws IllegalStateException in real-time mode, where the driver moves the clock
     */
    public void advance(Duration duration) {
        advance(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** As {@link #advance(Duration)}. */
    public void advance(long amount, TimeUnit unit) {
        checkNotDriven();
        if (amount < 0) {
            throw new IllegalArgumentException("time does not go backwards: " + amount);
        }
        long target = now + unit.toNanos(amount);
        runDueTasks(target);
        now = target;
    }

    /**
     * Runs the tasks due now (scheduled with no delay), without moving the clock.
     *
     * @throws IllegalStateException in real-time mode
     */
    public void runDueTasks() {
        checkNotDriven();
        runDueTasks(now);
    }

    /**
     * Hands this scheduler to a new {@link RealTimeDriver}, whose thread runs it in step with the
     * wall clock until {@link RealTimeDriver#close()}. Call it from the thread that has used the
     * scheduler so far; tasks already scheduled keep their virtual due times.
     *
     * @throws IllegalStateException if a driver has taken this scheduler before
     */
    public RealTimeDriver runInRealTime() {
        return new RealTimeDriver(this);
    }

    private void runDueTasks(long until) {
        while (!queue.isEmpty() && queue.peek().due <= until) {
            Task task = queue.poll();
            if (task.cancelled) {
                continue;
            }
            now = task.due;
            task.runnable.run();
        }
    }

    /** The number of tasks not yet run and not cancelled (in real-time mode: on the driver). */
    public int pendingTasks() {
        checkOwner();
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    /** The due time of the next task that will run, or -1 when there is none (as above). */
    public long nextDueNanos() {
        checkOwner();
        return queue.stream().filter(t -> !t.cancelled).mapToLong(t -> t.due).min().orElse(-1);
    }

    private void enqueue(Task task, long delayNanos) {
        task.due = now + delayNanos;
        task.sequence = sequence++;
        queue.add(task);
    }

    private void checkNotDriven() {
        if (driverThread != null) {
            throw new IllegalStateException("this VirtualScheduler runs in real time: its RealTimeDriver moves the clock");
        }
    }

    private void checkOwner() {
        if (!inLoop()) {
            throw new IllegalStateException("this VirtualScheduler runs in real time: ask from its driver's thread");
        }
    }

    // ---------------------------------------------------------------- real-time mode (RealTimeDriver)

    /** Makes {@code thread} the owner; called once, before that thread starts. */
    void attach(Thread thread) {
        if (driverThread != null) {
            throw new IllegalStateException("this VirtualScheduler is already driven in real time");
        }
        driverThread = thread;
    }

    /** On the driver: the driver ends; tasks from now on, and those in the inbox, are discarded. */
    void detach() {
        stopped = true;
        inbox.clear();
    }

    /** On the driver: moves what other threads scheduled into the queue, in the order they came. */
    void drainInbox() {
        Task task;
        while ((task = inbox.poll()) != null) {
            if (!task.cancelled) {
                enqueue(task, task.due);
            }
        }
    }

    /** On the driver: whether other threads scheduled something not yet drained. */
    boolean inboxEmpty() {
        return inbox.isEmpty();
    }

    /**
     * On the driver: runs the tasks due by {@code until}, as {@link #advance} does, and sets the
     * clock to {@code until} (never back). A task that throws does not stop the others: what it
     * threw is returned.
     */
    List<Throwable> runUntil(long until) {
        List<Throwable> failures = List.of();
        while (!queue.isEmpty() && queue.peek().due <= until) {
            Task task = queue.poll();
            if (task.cancelled) {
                continue;
            }
            now = task.due;
            try {
                task.runnable.run();
            } catch (RuntimeException | Error e) {
                if (failures.isEmpty()) {
                    failures = new ArrayList<>();
                }
                failures.add(e);
            }
        }
        if (until > now) {
            now = until;
        }
        return failures;
    }

    /** On the driver: the due time of the next task, or -1 when there is none. */
    long peekDue() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
        return queue.isEmpty() ? -1 : queue.peek().due;
    }

    private static final class Task implements Comparable<Task> {
        final Runnable runnable;
        long due;
        long sequence;
        // Volatile: in real-time mode another thread may cancel a task the driver holds.
        volatile boolean cancelled;

        Task(Runnable runnable) {
            this.runnable = runnable;
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }
}
