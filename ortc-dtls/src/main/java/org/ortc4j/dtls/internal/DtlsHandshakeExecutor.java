package org.ortc4j.dtls.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Bouncy Castle's blocking DTLS handshakes run on (ARCHITECTURE.md, Concurrency:
 * "Bouncy Castle's DTLS handshake is blocking; it runs on a separate handshake executor fed by a
 * queue"). One shared cached pool of daemon threads named {@code ortc4j-dtls-handshake-N}: a
 * thread per handshake in progress, idle threads end after 2 s. After the handshake the data path
 * runs on the ICE transport's loop, so established transports hold no thread.
 */
public final class DtlsHandshakeExecutor {

    private static final ExecutorService SHARED = create();

    private DtlsHandshakeExecutor() {
    }

    /** The shared executor. */
    public static ExecutorService shared() {
        return SHARED;
    }

    private static ExecutorService create() {
        AtomicInteger counter = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "ortc4j-dtls-handshake-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
