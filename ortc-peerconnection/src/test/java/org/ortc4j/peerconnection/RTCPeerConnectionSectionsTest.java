package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.peerconnection.LoopbackPeers.LOOPBACK;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.TIMEOUT_SECONDS;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.connected;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.firstMessage;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.opened;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.TimeBase;
import org.ortc4j.rtp.RTCRtpSender;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * A transport per m-section when the peer does not bundle (RFC 8843; RFC 9429 §4.1.1, §5.2.1,
 * §5.3.1): two of our peer connections with max-compat, the offer's BUNDLE group removed on its
 * way (as a peer that does not know BUNDLE would read it), carry audio, video and a data channel
 * each on its own ICE/DTLS transport; and a balanced offer's extra transports go when the answer
 * bundles.
 */
class RTCPeerConnectionSectionsTest {

    private static final RTCConfiguration MAX_COMPAT = RTCConfiguration.newBuilder().bundlePolicy(RTCBundlePolicy.MAX_COMPAT).build();

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers(MAX_COMPAT, LOOPBACK);
    private final RTCPeerConnection offerer = peers.offerer;
    private final RTCPeerConnection answerer = peers.answerer;

    private static MediaFrame next(MediaStreamTrack track) throws Exception {
        return track.recv().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static String withoutBundle(String sdp) {
        return sdp.lines().filter(line -> !line.startsWith("a=group:BUNDLE")).collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    @Test
    void audioVideoAndDataWithoutBundleFlowOnThreeTransports() throws Exception {
        FrameQueueTrack audio = new FrameQueueTrack(MediaKind.AUDIO);
        FrameQueueTrack video = new FrameQueueTrack(MediaKind.VIDEO);
        offerer.addTrack(audio, "s");
        offerer.addTrack(video, "s");
        RTCRtpTransceiver audioTransceiver = offerer.getTransceivers().get(0);
        audioTransceiver.setCodecPreferences(RTCRtpSender.getCapabilities("audio").codecs().stream()
                .filter(c -> c.mimeType().equalsIgnoreCase("audio/PCMU")).toList());
        RTCDataChannel channel = offerer.createDataChannel("chat");
        answerer.decodeReceivedMedia(false);
        Map<String, RTCTrackEvent> tracks = new ConcurrentHashMap<>();
        CompletableFuture<Void> twoTracks = new CompletableFuture<>();
        answerer.onTrack(event -> {
            tracks.put(event.track().kind().value(), event);
            if (tracks.size() == 2) {
                twoTracks.complete(null);
            }
        });
        CompletableFuture<RTCDataChannel> theirChannel = new CompletableFuture<>();
        answerer.onDataChannel(theirChannel::complete);
        List<String> offererMids = new CopyOnWriteArrayList<>();
        offerer.onIceCandidate(event -> {
            if (event.candidate() != null) {
                offererMids.add(event.sdpMid() + "/" + event.sdpMLineIndex());
            }
        });
        CompletableFuture<RTCPeerConnectionState> up = connected(offerer);
        CompletableFuture<RTCPeerConnectionState> upThere = connected(answerer);

        TrickleSignaling signaling = new TrickleSignaling(offerer, answerer);
        await(offerer.setLocalDescription());
        await(answerer.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER,
                withoutBundle(offerer.localDescription().sdp()))));
        await(answerer.setLocalDescription());
        assertThat(answerer.localDescription().sdp()).doesNotContain("a=group:BUNDLE");
        await(offerer.setRemoteDescription(answerer.localDescription()));
        signaling.exchangeDone();
        await(twoTracks);
        await(up);
        await(upThere);
        await(signaling.delivered());

        // Media: PCMU decoded, VP8 bit-exact; data both ways.
        short[] samples = new short[160];
        for (int n = 0; n < samples.length; n++) {
            samples[n] = (short) Math.round(4000 * Math.sin(2 * Math.PI * 440 * n / 8000.0));
        }
        audio.push(new AudioFrame(samples, 8000, 1, 0, TimeBase.ofRate(8000)));
        // The answerer does not decode: PCMU as it arrived.
        assertThat(((EncodedFrame) next(tracks.get("audio").track())).mimeType()).isEqualToIgnoringCase("audio/PCMU");
        byte[] frame = new byte[3000];
        new Random(3).nextBytes(frame);
        frame[0] &= ~1;
        video.push(new EncodedFrame("video/VP8", frame, true, 0, TimeBase.VIDEO_90KHZ, 3000));
        assertThat(((EncodedFrame) next(tracks.get("video").track())).toByteArray()).isEqualTo(frame);
        RTCDataChannel remoteChannel = await(theirChannel);
        CompletableFuture<String> there = firstMessage(remoteChannel);
        CompletableFuture<String> back = firstMessage(channel);
        await(opened(channel));
        channel.send("over its own transport");
        assertThat(await(there)).isEqualTo("over its own transport");
        remoteChannel.send("and back");
        assertThat(await(back)).isEqualTo("and back");

        // Three transports each side: each with its own connected DTLS and its own sockets.
        for (RTCPeerConnection pc : List.of(offerer, answerer)) {
            RTCStatsReport report = await(pc.getStats());
            List<RTCStats> transports = report.ofType(RTCStatsType.TRANSPORT);
            assertThat(transports).hasSize(3);
            assertThat(transports).allSatisfy(t -> assertThat(t.getString("dtlsState")).isEqualTo("connected"));
            Set<Long> localPorts = transports.stream()
                    .map(t -> report.get(t.getString("selectedCandidatePairId")).orElseThrow())
                    .map(pair -> report.get(pair.getString("localCandidateId")).orElseThrow().getLong("port"))
                    .collect(Collectors.toSet());
            assertThat(localPorts).as("the selected pairs' local ports").hasSize(3);
            List<RTCRtpTransceiver> transceivers = pc.getTransceivers();
            assertThat(transceivers.stream().map(t -> t.sender().transport()).distinct()).hasSize(2);
            assertThat(transceivers).allSatisfy(t -> assertThat(t.receiver().transport()).isSameAs(t.sender().transport())
                    .isNotSameAs(pc.sctp().transport()));
        }
        RTCStatsReport sent = await(offerer.getStats());
        assertThat(sent.ofType(RTCStatsType.OUTBOUND_RTP).stream().map(s -> s.getString("transportId")).distinct())
                .as("audio and video leave on different transports").hasSize(2);
        // W3C §4.4.1.6: each candidate names the section of the transport that gathered it.
        assertThat(offererMids).contains("0/0", "1/1", "2/2");
    }

    @Test
    void aBalancedOfferGathersPerSectionAndTheBundledAnswerLeavesOneTransport() throws Exception {
        RTCPeerConnection balanced = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);
        RTCPeerConnection other = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);
        try {
            balanced.addTransceiver("audio", new RTCRtpTransceiverInit());
            balanced.addTransceiver("video", new RTCRtpTransceiverInit());
            RTCDataChannel channel = balanced.createDataChannel("chat");
            CompletableFuture<RTCPeerConnectionState> up = connected(balanced);
            TrickleSignaling signaling = new TrickleSignaling(balanced, other);
            await(balanced.setLocalDescription());
            // Chromium's way with balanced: each section of a first offer has its own candidates.
            List<String> offered = balanced.localDescription().sdp().lines().filter(l -> l.startsWith("a=ice-ufrag:")).toList();
            assertThat(offered).hasSize(3).doesNotHaveDuplicates();
            await(other.setRemoteDescription(balanced.localDescription()));
            await(other.setLocalDescription());
            await(balanced.setRemoteDescription(other.localDescription()));
            signaling.exchangeDone();
            await(up);
            await(opened(channel));
            await(signaling.delivered());

            // RFC 8843 §7.3.3: the answer accepted BUNDLE; the other two transports are gone.
            assertThat(await(balanced.getStats()).ofType(RTCStatsType.TRANSPORT)).hasSize(1);
            assertThat(balanced.getTransceivers()).allSatisfy(t -> assertThat(t.sender().transport()).isSameAs(balanced.sctp().transport()));
            assertThat(balanced.localDescription().sdp().lines().filter(l -> l.startsWith("a=ice-ufrag:")).distinct()).hasSize(1);
        } finally {
            balanced.close();
            other.close();
        }
    }
}
