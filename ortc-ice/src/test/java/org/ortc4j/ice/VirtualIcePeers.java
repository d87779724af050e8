package org.ortc4j.ice;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.VirtualScheduler;

/**
 * Two ICE peers (gatherer + transport each) wired to each other the way signaling would: every
 * local candidate the one finds is added to the other at once (trickle), and the end of
 * gathering becomes the other's end-of-candidates. For tests on the virtual network.
 */
final class VirtualIcePeers {

    final VirtualScheduler scheduler;
    final Peer a;
    final Peer b;

    VirtualIcePeers(VirtualScheduler scheduler, NetworkStack stackA, RTCIceGatherOptions optionsA,
            NetworkStack stackB, RTCIceGatherOptions optionsB) {
        this.scheduler = scheduler;
        this.a = new Peer("a", stackA, optionsA);
        this.b = new Peer("b", stackB, optionsB);
        a.signalTo(b);
        b.signalTo(a);
    }

    /** Starts both: a controlling, b controlled. */
    void start() {
        a.transport.start(b.gatherer.getLocalParameters(), RTCIceRole.CONTROLLING);
        b.transport.start(a.gatherer.getLocalParameters(), RTCIceRole.CONTROLLED);
    }

    /** Advances virtual time in 10 ms steps until {@code condition} holds; false if it never did. */
    boolean runUntil(BooleanSupplier condition, Duration limit) {
        long end = scheduler.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (scheduler.nanoTime() >= end) {
                return false;
            }
            scheduler.advance(10, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    boolean bothConnected() {
        return a.connected() && b.connected();
    }

    void close() {
        a.close();
        b.close();
    }

    static final class Peer {
        final String name;
        final RTCIceGatherer gatherer;
        final RTCIceTransport transport;
        final List<RTCIceTransportState> states = new ArrayList<>();
        final List<RTCIceCandidate> candidates = new ArrayList<>();
        final List<RTCIceGathererIceErrorEvent> errors = new ArrayList<>();
        final List<String> received = new ArrayList<>();

        Peer(String name, NetworkStack stack, RTCIceGatherOptions options) {
            this.name = name;
            this.gatherer = new RTCIceGatherer(options, stack);
            this.transport = new RTCIceTransport(gatherer);
            transport.onStateChange(states::add);
            gatherer.onLocalCandidate(candidates::add);
            gatherer.onError(errors::add);
            transport.setDataHandler(data -> {
                try {
                    received.add(data.toString(StandardCharsets.UTF_8));
                } finally {
                    data.release();
                }
            });
        }

        void signalTo(Peer other) {
            gatherer.onLocalCandidate(other.transport::addRemoteCandidate);
            gatherer.onStateChange(state -> {
                if (state == RTCIceGathererState.COMPLETE) {
                    other.transport.addRemoteCandidate(null);
                }
            });
        }

        boolean connected() {
            RTCIceTransportState state = transport.state();
            return state == RTCIceTransportState.CONNECTED || state == RTCIceTransportState.COMPLETED;
        }

        void send(String text) {
            ByteBuf data = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            transport.send(data);
        }

        RTCIceCandidatePair selected() {
            return transport.getSelectedCandidatePair().orElseThrow();
        }

        void close() {
            transport.stop();
            gatherer.close();
        }
    }
}
