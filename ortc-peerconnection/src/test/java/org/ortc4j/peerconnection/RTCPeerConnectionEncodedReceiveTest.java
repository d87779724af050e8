package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.TIMEOUT_SECONDS;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.TimeBase;
import org.ortc4j.rtp.RTCRtpReceiver;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;

/**
 * {@link RTCPeerConnection#decodeReceivedMedia(boolean)}: with it off, the receivers of
 * transceivers the application adds and of transceivers a remote offer creates give their
 * tracks the Opus frames exactly as sent, and never decode them; with it on (the default) the
 * same frames arrive decoded.
 */
class RTCPeerConnectionEncodedReceiveTest {

    private static final TimeBase OPUS_CLOCK = new TimeBase(1, 48_000);

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers();
    private final RTCPeerConnection offerer = peers.offerer;
    private final RTCPeerConnection answerer = peers.answerer;

    @Test
    void receiversOfAddedAndOfRemotelyCreatedTransceiversGiveTheOpusFramesAsSent() throws Exception {
        offerer.decodeReceivedMedia(false);
        answerer.decodeReceivedMedia(false);
        FrameQueueTrack fromOfferer = new FrameQueueTrack(MediaKind.AUDIO);
        FrameQueueTrack fromAnswerer = new FrameQueueTrack(MediaKind.AUDIO);
        // Section 0: the offerer receives, through a transceiver it added; the answerer's
        // addTrack transceiver takes that section and sends. Section 1: the offerer sends; the
        // answerer's remote offer creates the transceiver that receives.
        RTCRtpTransceiver offererReceives = offerer.addTransceiver("audio",
                new RTCRtpTransceiverInit(RTCRtpTransceiverDirection.RECVONLY));
        offerer.addTransceiver(fromOfferer, new RTCRtpTransceiverInit(RTCRtpTransceiverDirection.SENDONLY, List.of("s"), null));
        answerer.addTrack(fromAnswerer, "t");
        Map<RTCPeerConnection, RTCTrackEvent> tracks = new ConcurrentHashMap<>();
        CompletableFuture<Void> bothTracks = new CompletableFuture<>();
        for (RTCPeerConnection pc : List.of(offerer, answerer)) {
            pc.onTrack(event -> {
                tracks.put(pc, event);
                if (tracks.size() == 2) {
                    bothTracks.complete(null);
                }
            });
        }
        peers.connect();
        await(bothTracks);

        RTCRtpReceiver answererReceiver = tracks.get(answerer).receiver();
        assertThat(answererReceiver).isNotSameAs(answerer.getTransceivers().get(0).receiver())
                .as("made by the remote offer").isSameAs(answerer.getTransceivers().get(1).receiver());
        assertThat(tracks.get(offerer).receiver()).isSameAs(offererReceives.receiver());
        assertThat(answererReceiver.decodes()).isFalse();
        assertThat(offererReceives.receiver().decodes()).isFalse();

        Random random = new Random(7);
        for (int i = 0; i < 25; i++) {
            // Opus-sized: 60–120 bytes per 20 ms frame (RFC 7587 §4.2 one frame per packet).
            byte[] one = opusSized(random);
            byte[] other = opusSized(random);
            fromOfferer.push(new EncodedFrame("audio/opus", one, true, i * 960L, OPUS_CLOCK, 960));
            fromAnswerer.push(new EncodedFrame("audio/opus", other, true, i * 960L, OPUS_CLOCK, 960));
            assertOpus(next(tracks.get(answerer).track()), one, i);
            assertOpus(next(tracks.get(offerer).track()), other, i);
        }
        RTCStats inbound = await(answerer.getStats()).ofType(RTCStatsType.INBOUND_RTP).get(0);
        assertThat(inbound.getLong("packetsReceived")).isEqualTo(25);
        assertThat(inbound.getLong("packetsLost")).isZero();
    }

    @Test
    void byDefaultTheSameFramesArriveDecoded() throws Exception {
        FrameQueueTrack fromOfferer = new FrameQueueTrack(MediaKind.AUDIO);
        offerer.addTransceiver(fromOfferer, new RTCRtpTransceiverInit(RTCRtpTransceiverDirection.SENDONLY, List.of("s"), null));
        CompletableFuture<RTCTrackEvent> track = new CompletableFuture<>();
        answerer.onTrack(track::complete);
        peers.connect();

        assertThat(await(track).receiver().decodes()).isTrue();
        // A real Opus frame is needed for a decoder: 20 ms of silence in CELT mode
        // (RFC 6716 §3.1 TOC byte 0xf8: config 31, mono, one frame; a lone 0xff byte range
        // decodes to silence). Several, so that one packet sent before the answerer's keys
        // were ready does not leave the test waiting for nothing.
        for (int i = 0; i < 10; i++) {
            fromOfferer.push(new EncodedFrame("audio/opus", new byte[] {(byte) 0xf8, (byte) 0xff, (byte) 0xfe},
                    true, i * 960L, OPUS_CLOCK, 960));
        }
        MediaFrame received = next(await(track).track());
        assertThat(received).isInstanceOf(AudioFrame.class);
        assertThat(((AudioFrame) received).samplesPerChannel()).as("20 ms at 48 kHz").isEqualTo(960);
    }

    private static byte[] opusSized(Random random) {
        byte[] frame = new byte[60 + random.nextInt(61)];
        random.nextBytes(frame);
        return frame;
    }

    private static void assertOpus(MediaFrame frame, byte[] sent, int index) {
        assertThat(frame).as("frame %d", index).isInstanceOf(EncodedFrame.class);
        EncodedFrame encoded = (EncodedFrame) frame;
        assertThat(encoded.mimeType()).isEqualToIgnoringCase("audio/opus");
        assertThat(encoded.toByteArray()).as("frame %d", index).isEqualTo(sent);
    }

    private static MediaFrame next(MediaStreamTrack track) throws Exception {
        return track.recv().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
