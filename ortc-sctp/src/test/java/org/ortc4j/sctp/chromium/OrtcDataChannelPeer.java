package org.ortc4j.sctp.chromium;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsParameters;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;
import org.ortc4j.sctp.RTCSctpCapabilities;
import org.ortc4j.sctp.RTCSctpTransport;
import org.ortc4j.sctp.RTCSctpTransportState;
import org.ortc4j.sdp.SetupRole;

/**
 * Our side of a data-channel session, built from the ORTC objects by hand on real sockets
 * (loopback included): {@code RTCIceGatherer → RTCIceTransport → RTCDtlsTransport →
 * RTCSctpTransport}, described as and started from {@link DataChannelSdp}. Gathering completes
 * before the description is written (no trickle), so every candidate is in it.
 */
final class OrtcDataChannelPeer implements AutoCloseable {

    private static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    final RTCIceGatherer gatherer;
    final RTCIceTransport ice;
    final RTCCertificate certificate;
    final RTCDtlsTransport dtls;
    final RTCSctpTransport sctp;
    private final CompletableFuture<Void> dtlsConnected = new CompletableFuture<>();
    private final CompletableFuture<Void> sctpConnected = new CompletableFuture<>();

    OrtcDataChannelPeer(Duration timeout) throws Exception {
        gatherer = new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack());
        ice = new RTCIceTransport(gatherer);
        certificate = RTCCertificate.generate();
        dtls = new RTCDtlsTransport(ice, List.of(certificate));
        sctp = new RTCSctpTransport(dtls);
        sctp.onStateChange(state -> {
            if (state == RTCSctpTransportState.CONNECTED) {
                sctpConnected.complete(null);
            } else if (state == RTCSctpTransportState.CLOSED) {
                sctpConnected.completeExceptionally(new AssertionError("the RTCSctpTransport closed before connecting"));
            }
        });
        gatherer.gather().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Our section, with every gathered candidate and end-of-candidates, as {@code mid}. */
    DataChannelSdp describe(String mid, SetupRole setup) {
        return new DataChannelSdp(mid, gatherer.getLocalParameters(), gatherer.getLocalCandidates(), true,
                dtls.getLocalParameters().fingerprints(), setup, sctp.port(), RTCSctpTransport.MAX_MESSAGE_SIZE);
    }

    /**
     * Starts ICE in {@code iceRole} with the remote's credentials and candidates, DTLS with its
     * fingerprints and the role its {@code a=setup} implies next to ours, and SCTP with its port
     * and max-message-size.
     */
    void start(DataChannelSdp remote, SetupRole ourSetup, RTCIceRole iceRole) {
        for (RTCIceCandidate c : remote.candidates()) {
            ice.addRemoteCandidate(c);
        }
        ice.addRemoteCandidate(null);
        ice.start(remote.ice(), iceRole);
        dtls.start(new RTCDtlsParameters(remote.remoteDtlsRole(ourSetup), remote.fingerprints()))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        dtlsConnected.completeExceptionally(error);
                    } else {
                        dtlsConnected.complete(null);
                    }
                });
        sctp.start(new RTCSctpCapabilities(remote.maxMessageSize()), remote.sctpPort());
    }

    /** Waits until DTLS and then SCTP are connected; fails naming the layer that did not connect. */
    void awaitConnected(Duration timeout) throws Exception {
        try {
            dtlsConnected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("DTLS did not connect (ICE " + ice.state() + ", pair "
                    + ice.getSelectedCandidatePair().orElse(null) + ", DTLS " + dtls.state() + ")", e);
        }
        try {
            sctpConnected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("SCTP did not connect over DTLS " + dtls.state() + " (role "
                    + dtls.role().orElse(null) + "): RTCSctpTransport " + sctp.state(), e);
        }
    }

    /** Whether DTLS is still connected (a closing channel must not tear it down). */
    boolean dtlsConnected() {
        return dtls.state() == RTCDtlsTransportState.CONNECTED;
    }

    @Override
    public void close() {
        sctp.stop();
        dtls.stop();
        ice.stop();
        gatherer.close();
    }
}
