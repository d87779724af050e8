package org.ortc4j.sctp.internal.channel;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.ortc4j.dtls.RTCDtlsRole;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.internal.association.Association;
import org.ortc4j.sctp.internal.association.AssociationConfig;

/**
 * Two data-channel layers over two real associations joined by a virtual link (1 ms each way,
 * optional seeded loss) on one {@link VirtualScheduler}: side {@code a} is the DTLS client, side
 * {@code b} the server.
 */
final class ChannelPair {

    final VirtualScheduler scheduler = new VirtualScheduler();
    final Side a;
    final Side b;
    private final Random random;
    private final double loss;

    ChannelPair(AssociationConfig config, double loss, long seed) {
        this.random = new Random(seed);
        this.loss = loss;
        this.a = new Side(RTCDtlsRole.CLIENT, config);
        this.b = new Side(RTCDtlsRole.SERVER, config);
        a.peer = b;
        b.peer = a;
    }

    ChannelPair() {
        this(AssociationConfig.builder().zeroChecksumAcceptable(true).build(), 0, 1);
    }

    /** Both sides connect (simultaneous open, as WebRTC) and the test runs until both are established. */
    void connect() {
        a.association.connect();
        b.association.connect();
        runUntil(() -> a.established && b.established, Duration.ofSeconds(10));
    }

    /** Runs virtual time in 1 ms steps until {@code done}, failing after {@code limit}. */
    void runUntil(BooleanSupplier done, Duration limit) {
        long end = scheduler.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (scheduler.nanoTime() > end) {
                throw new AssertionError("not done within " + limit + " of virtual time");
            }
            scheduler.advance(1, TimeUnit.MILLISECONDS);
        }
    }

    void run(Duration duration) {
        scheduler.advance(duration);
    }

    /** One side: an association, its registry, and what the registry announced. */
    final class Side {
        final Association association;
        final DataChannelRegistry registry;
        final List<Recorder> incoming = new ArrayList<>();
        Side peer;
        boolean established;
        int maxChannels;
        String closedWith = "not closed";

        Side(RTCDtlsRole role, AssociationConfig config) {
            registry = new DataChannelRegistry(scheduler, () -> role, (endpoint, id) -> {
                Recorder recorder = new Recorder(endpoint);
                recorder.id = id;
                incoming.add(recorder);
                return recorder;
            }, new DataChannelRegistry.TransportEvents() {
                @Override
                public void onEstablished(int channels) {
                    established = true;
                    maxChannels = channels;
                }

                @Override
                public void onClosed(String error) {
                    closedWith = error;
                }
            }, 1 << 20);
            association = new Association(scheduler, config, this::deliver, registry);
            registry.attach(association);
        }

        private void deliver(ByteBuffer packet) {
            if (loss > 0 && random.nextDouble() < loss) {
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(packet.remaining());
            copy.put(packet.duplicate()).flip();
            scheduler.schedule(() -> peer.association.receive(copy), 1, TimeUnit.MILLISECONDS);
        }

        /** A channel made by the application on this side, as RTCDataChannel's constructor does. */
        Recorder open(String label, RTCDataChannelInit init) {
            Recorder recorder = new Recorder(null);
            DataChannelEndpoint endpoint = new DataChannelEndpoint(label, init, recorder);
            recorder.endpoint = endpoint;
            registry.add(endpoint);
            return recorder;
        }
    }
}
