package org.ortc4j.sctp.internal.association;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.VirtualScheduler;

/**
 * Two associations joined by an in-memory link on one {@link VirtualScheduler}: each packet is
 * copied and delivered after a delay, unless the link is down or a seeded loss drops it. Tests
 * can see (and record) every packet, tamper with it or replace an endpoint.
 */
final class MemoryLink {

    /** What a test may do to a packet in flight: return a delay in nanoseconds, or -1 to drop. */
    @FunctionalInterface
    interface Filter {
        long delayNanos(boolean fromA, byte[] packet);
    }

    final VirtualScheduler scheduler;
    final Endpoint a;
    final Endpoint b;
    final Random random;
    long delayNanos;
    double loss;
    boolean down;
    Filter filter;
    boolean record;
    final List<byte[]> fromA = new ArrayList<>();
    final List<byte[]> fromB = new ArrayList<>();

    /** One side: its association and what it told its listener. */
    final class Endpoint {
        final boolean isA;
        Association association;
        RecordingListener listener;

        Endpoint(boolean isA) {
            this.isA = isA;
        }

        /** A fresh association on this side (a peer restart when the old one was in use). */
        Association replace(AssociationConfig config) {
            listener = new RecordingListener();
            association = new Association(scheduler, config, packet -> transmit(isA, packet), listener);
            return association;
        }

        Endpoint peer() {
            return isA ? b : a;
        }
    }

    MemoryLink(AssociationConfig configA, AssociationConfig configB, Duration delay, long seed) {
        this(new VirtualScheduler(), configA, configB, delay, seed);
    }

    MemoryLink(VirtualScheduler scheduler, AssociationConfig configA, AssociationConfig configB, Duration delay,
            long seed) {
        this.scheduler = scheduler;
        this.delayNanos = delay.toNanos();
        this.random = new Random(seed);
        this.a = new Endpoint(true);
        this.b = new Endpoint(false);
        a.replace(configA);
        b.replace(configB);
    }

    private void transmit(boolean fromA, ByteBuffer packet) {
        byte[] bytes = new byte[packet.remaining()];
        packet.duplicate().get(bytes);
        if (record) {
            (fromA ? this.fromA : this.fromB).add(bytes);
        }
        if (down || (loss > 0 && random.nextDouble() < loss)) {
            return;
        }
        long delay = filter == null ? delayNanos : filter.delayNanos(fromA, bytes);
        if (delay < 0) {
            return;
        }
        Endpoint to = fromA ? b : a;
        scheduler.schedule(() -> to.association.receive(ByteBuffer.wrap(bytes)), delay, TimeUnit.NANOSECONDS);
    }

    /** Both sides connect at the same instant (WebRTC). */
    void connectBoth() {
        a.association.connect();
        b.association.connect();
    }

    /** Runs virtual time forward. */
    void run(Duration d) {
        scheduler.advance(d);
    }

    /** Runs until {@code done} holds, in steps of 1 ms, at most {@code limit}. */
    boolean runUntil(java.util.function.BooleanSupplier done, Duration limit) {
        long end = scheduler.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (scheduler.nanoTime() >= end) {
                return false;
            }
            scheduler.advance(Duration.ofMillis(1));
        }
        return true;
    }
}
