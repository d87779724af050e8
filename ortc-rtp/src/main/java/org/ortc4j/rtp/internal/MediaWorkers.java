package org.ortc4j.rtp.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared threads that encode and decode media, off the transport loops (ARCHITECTURE.md:
 * nothing blocks a loop, and encoding a video frame takes milliseconds): one daemon thread per
 * core, shared by every sender and receiver, each of which serializes its own work with a
 * {@link SerialExecutor}.
 */
public final class MediaWorkers {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), new java.util.concurrent.ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable task) {
                    Thread thread = new Thread(task, "ortc4j-media-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }
            });

    private MediaWorkers() {
    }

    /** A new serial lane on the shared media threads. */
    public static SerialExecutor newLane() {
        return new SerialExecutor(POOL);
    }
}
