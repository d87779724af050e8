package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.StreamHandler;
import org.ortc4j.ice.net.StreamSocket;

/** A stream handler that records chunks (text and virtual time) and closes, releasing buffers. */
final class StreamRecorder implements StreamHandler {

    private final Scheduler scheduler;
    final StringBuilder text = new StringBuilder();
    final List<Long> chunkMillis = new ArrayList<>();
    int closes;
    Throwable cause;
    long closedAtMillis = -1;

    StreamRecorder(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void onData(StreamSocket socket, ByteBuf data) {
        try {
            text.append(data.toString(StandardCharsets.UTF_8));
            chunkMillis.add(now());
        } finally {
            data.release();
        }
    }

    @Override
    public void onClosed(StreamSocket socket, Throwable cause) {
        closes++;
        this.cause = cause;
        closedAtMillis = now();
    }

    private long now() {
        return TimeUnit.NANOSECONDS.toMillis(scheduler.nanoTime());
    }
}
