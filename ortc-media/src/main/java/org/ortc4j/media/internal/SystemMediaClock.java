package org.ortc4j.media.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ortc4j.media.MediaClock;

/** The real-time {@link MediaClock}: one daemon thread fires every paced frame of the process. */
public final class SystemMediaClock implements MediaClock {

    /** The one instance. */
    public static final SystemMediaClock INSTANCE = new SystemMediaClock();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ortc4j-media-clock");
        thread.setDaemon(true);
        return thread;
    });

    private SystemMediaClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void schedule(Runnable task, long deadlineNanos) {
        scheduler.schedule(task, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
