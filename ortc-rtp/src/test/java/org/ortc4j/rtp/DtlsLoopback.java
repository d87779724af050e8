package org.ortc4j.rtp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;

/**
 * Two RTCDtlsTransports over two RTCIceTransports on this machine's loopback, connected: the
 * ORTC stack a user builds by hand under RTCRtpSender and RTCRtpReceiver. Closing stops them all.
 */
final class DtlsLoopback implements AutoCloseable {

    static final long TIMEOUT_S = 20;
    private static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    final RTCDtlsTransport a;
    final RTCDtlsTransport b;

    private DtlsLoopback(RTCIceGatherOptions optionsA) throws Exception {
        RTCIceTransport iceA = iceTransport(optionsA);
        RTCIceTransport iceB = iceTransport(LOOPBACK);
        signal(iceA, iceB);
        signal(iceB, iceA);
        a = dtls(iceA);
        b = dtls(iceB);
        iceA.start(iceB.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
        iceB.start(iceA.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
        CompletableFuture<Void> connectedA = a.start(b.getLocalParameters());
        CompletableFuture<Void> connectedB = b.start(a.getLocalParameters());
        connectedA.get(TIMEOUT_S, TimeUnit.SECONDS);
        connectedB.get(TIMEOUT_S, TimeUnit.SECONDS);
        if (a.state() != RTCDtlsTransportState.CONNECTED || b.state() != RTCDtlsTransportState.CONNECTED) {
            throw new IllegalStateException("DTLS did not connect");
        }
    }

    /** A connected pair; a is the ICE controlling side (the DTLS client). */
    static DtlsLoopback connect() throws Exception {
        return new DtlsLoopback(LOOPBACK);
    }

    /** A connected pair whose side a gathers with these options (loopback must be included). */
    static DtlsLoopback connect(RTCIceGatherOptions optionsA) throws Exception {
        return new DtlsLoopback(optionsA);
    }

    private RTCIceTransport iceTransport(RTCIceGatherOptions options) {
        RTCIceGatherer gatherer = new RTCIceGatherer(options, NettyNetwork.shared().newStack());
        RTCIceTransport transport = new RTCIceTransport(gatherer);
        toClose.add(gatherer);
        toClose.add(transport::stop);
        return transport;
    }

    private RTCDtlsTransport dtls(RTCIceTransport ice) throws Exception {
        RTCDtlsTransport dtls = new RTCDtlsTransport(ice, List.of(RTCCertificate.generate()));
        toClose.add(dtls::stop);
        return dtls;
    }

    private static void signal(RTCIceTransport from, RTCIceTransport to) {
        from.iceGatherer().onLocalCandidate(to::addRemoteCandidate);
        from.iceGatherer().onStateChange(state -> {
            if (state == RTCIceGathererState.COMPLETE) {
                to.addRemoteCandidate(null);
            }
        });
    }

    @Override
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }
}
