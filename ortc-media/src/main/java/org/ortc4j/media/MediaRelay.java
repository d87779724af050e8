package org.ortc4j.media;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One source track to many consumers (aiortc's {@code MediaRelay}): {@link #subscribe} returns a
 * new track per consumer, all fed from a single pull loop on the source. The loop pulls a frame
 * when some consumer is waiting for one; each consumer keeps at most {@code bufferSize} frames
 * it has not asked for yet and drops the oldest beyond that, so a slow or stalled consumer loses
 * frames but never holds back the others. When the source ends, every subscriber ends. Stopping
 * a subscriber does not stop the source. Thread-safe.
 */
public final class MediaRelay {

    private final Map<MediaStreamTrack, Pump> pumps = new IdentityHashMap<>();

    /** A relay with no subscriptions yet. */
    public MediaRelay() {
    }

    /** A new consumer track of {@code source} that buffers one frame. */
    public MediaStreamTrack subscribe(MediaStreamTrack source) {
        return subscribe(source, 1);
    }

    /** A new consumer track of {@code source} that buffers up to {@code bufferSize} frames. */
    public MediaStreamTrack subscribe(MediaStreamTrack source, int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size must be at least 1: " + bufferSize);
        }
        RelayedTrack track;
        // Lock order everywhere: pumps, then a pump.
        synchronized (pumps) {
            Pump pump = pumps.computeIfAbsent(source, Pump::new);
            track = new RelayedTrack(pump, bufferSize);
            if (source.readyState() == MediaStreamTrackState.LIVE && pump.add(track)) {
                return track;
            }
        }
        track.end();
        return track;
    }

    private final class Pump {
        private final MediaStreamTrack source;
        private final Set<RelayedTrack> consumers = new LinkedHashSet<>();
        // Serializes the pull loop without recursion when the source completes synchronously.
        private final AtomicInteger work = new AtomicInteger();
        private boolean pulling;
        private boolean ended;

        Pump(MediaStreamTrack source) {
            this.source = source;
        }

        /** Adds a consumer; false if the source has already ended. */
        synchronized boolean add(RelayedTrack track) {
            if (ended) {
                return false;
            }
            consumers.add(track);
            return true;
        }

        void remove(RelayedTrack track) {
            synchronized (pumps) {
                synchronized (this) {
                    consumers.remove(track);
                    if (consumers.isEmpty()) {
                        pumps.remove(source, this);
                    }
                }
            }
        }

        void drive() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            do {
                boolean start;
                synchronized (this) {
                    start = !pulling && !ended && consumers.stream().anyMatch(c -> c.waiter != null);
                    pulling |= start;
                }
                if (start) {
                    source.recv().whenComplete((frame, error) -> {
                        deliver(frame, error);
                        drive();
                    });
                }
            } while (work.decrementAndGet() != 0);
        }

        private void deliver(MediaFrame frame, Throwable error) {
            List<CompletableFuture<MediaFrame>> waiting = new ArrayList<>();
            List<RelayedTrack> toEnd = new ArrayList<>();
            synchronized (this) {
                pulling = false;
                if (error != null) {
                    ended = true;
                    toEnd.addAll(consumers);
                    consumers.clear();
                } else {
                    for (RelayedTrack consumer : consumers) {
                        if (consumer.waiter != null) {
                            waiting.add(consumer.waiter);
                            consumer.waiter = null;
                        } else {
                            if (consumer.buffer.size() == consumer.bufferSize) {
                                consumer.buffer.pollFirst();
                                consumer.dropped++;
                            }
                            consumer.buffer.addLast(frame);
                        }
                    }
                }
            }
            if (error != null) {
                synchronized (pumps) {
                    pumps.remove(source, this);
                }
            }
            // Outside the lock: completing a future runs the consumer's callbacks.
            waiting.forEach(w -> w.complete(frame));
            toEnd.forEach(RelayedTrack::end);
        }
    }

    private static final class RelayedTrack extends MediaStreamTrack {
        private final Pump pump;
        private final int bufferSize;
        private final ArrayDeque<MediaFrame> buffer = new ArrayDeque<>();
        private CompletableFuture<MediaFrame> waiter;
        private long dropped;

        RelayedTrack(Pump pump, int bufferSize) {
            super(pump.source.kind());
            this.pump = pump;
            this.bufferSize = bufferSize;
        }

        @Override
        public CompletableFuture<MediaFrame> recv() {
            CompletableFuture<MediaFrame> result;
            synchronized (pump) {
                if (readyState() == MediaStreamTrackState.ENDED) {
                    return endedFuture();
                }
                MediaFrame buffered = buffer.pollFirst();
                if (buffered != null) {
                    return CompletableFuture.completedFuture(buffered);
                }
                if (waiter == null) {
                    waiter = new CompletableFuture<>();
                }
                result = waiter;
            }
            pump.drive();
            return result;
        }

        @Override
        protected void onStop() {
            CompletableFuture<MediaFrame> pending;
            synchronized (pump) {
                pending = waiter;
                waiter = null;
                buffer.clear();
            }
            pump.remove(this);
            if (pending != null) {
                pending.completeExceptionally(new MediaStreamEndedException(id()));
            }
        }

        @Override
        public String toString() {
            return super.toString() + " (relay, dropped " + dropped + ")";
        }
    }
}
