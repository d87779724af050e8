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
import org.ortc4j.rtp.RTCRtpTransceiverDirection;

/**
 * Audio and video between two of our peer connections on loopback: tracks added on one side
 * arrive as track events on the other, with the negotiated codecs, and their frames come through.
 */
class RTCPeerConnectionMediaTest {

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers();
    private final RTCPeerConnection offerer = peers.offerer;
    private final RTCPeerConnection answerer = peers.answerer;

    private static MediaFrame next(MediaStreamTrack track) throws Exception {
        return track.recv().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void audioAndVideoTracksArriveWithTrackEventsAndTheirFramesComeThrough() throws Exception {
        FrameQueueTrack audio = new FrameQueueTrack(MediaKind.AUDIO);
        FrameQueueTrack video = new FrameQueueTrack(MediaKind.VIDEO);
        RTCRtpSender audioSender = offerer.addTrack(audio, "stream-1");
        offerer.addTrack(video, "stream-1");
        RTCRtpTransceiver audioTransceiver = offerer.getTransceivers().get(0);
        assertThat(audioTransceiver.sender()).isSameAs(audioSender);
        // PCMU: a codec ortc-media encodes and decodes itself.
        audioTransceiver.setCodecPreferences(RTCRtpSender.getCapabilities("audio").codecs().stream()
                .filter(c -> c.mimeType().equalsIgnoreCase("audio/PCMU")).toList());
        Map<String, RTCTrackEvent> tracks = new ConcurrentHashMap<>();
        CompletableFuture<Void> twoTracks = new CompletableFuture<>();
        answerer.onTrack(event -> {
            tracks.put(event.track().kind().value(), event);
            if (tracks.size() == 2) {
                twoTracks.complete(null);
            }
        });
        peers.connect();
        await(twoTracks);

        assertThat(offerer.localDescription().sdp()).contains("m=audio", "m=video", "PCMU/8000").doesNotContain("opus");
        RTCTrackEvent audioEvent = tracks.get("audio");
        assertThat(audioEvent.streams()).containsExactly("stream-1");
        assertThat(audioEvent.transceiver().mid()).contains("0");
        assertThat(tracks.get("video").transceiver().mid()).contains("1");
        assertThat(answerer.getTransceivers()).hasSize(2);
        assertThat(answerer.getReceivers()).containsExactly(audioEvent.receiver(), tracks.get("video").receiver());
        // The answerer added no track: it receives only (W3C currentDirection from each side).
        assertThat(audioEvent.transceiver().currentDirection()).contains(RTCRtpTransceiverDirection.RECVONLY);
        assertThat(audioTransceiver.currentDirection()).contains(RTCRtpTransceiverDirection.SENDONLY);

        // Raw audio, encoded as PCMU by our sender and decoded by their receiver.
        MediaStreamTrack heard = audioEvent.track();
        for (int i = 0; i < 5; i++) {
            short[] samples = new short[160];
            for (int n = 0; n < samples.length; n++) {
                samples[n] = (short) Math.round(4000 * Math.sin(2 * Math.PI * 440 * (i * 160 + n) / 8000.0));
            }
            audio.push(new AudioFrame(samples, 8000, 1, i * 160L, TimeBase.ofRate(8000)));
            AudioFrame decoded = (AudioFrame) next(heard);
            assertThat(decoded.samplesPerChannel()).isEqualTo(160);
            double error = 0;
            double energy = 0;
            for (int n = 0; n < samples.length; n++) {
                error += Math.pow(decoded.sample(n) - samples[n], 2);
                energy += Math.pow(samples[n], 2);
            }
            // G.711 µ-law keeps a sine about 35 dB above its quantization noise.
            assertThat(10 * Math.log10(energy / error)).as("SNR of frame %d", i).isGreaterThan(30);
        }

        // webrtc-stats: the sender's and receiver's entries point at the transport entry.
        RTCStatsReport sent = await(offerer.getStats());
        RTCStats outbound = sent.ofType(RTCStatsType.OUTBOUND_RTP).stream()
                .filter(st -> st.getString("kind").equals("audio")).findFirst().orElseThrow();
        assertThat(outbound.getLong("packetsSent")).isGreaterThanOrEqualTo(5);
        RTCStats transport = sent.get(outbound.getString("transportId")).orElseThrow();
        assertThat(transport.type()).isEqualTo(RTCStatsType.TRANSPORT);
        assertThat(transport.getString("dtlsState")).isEqualTo("connected");
        RTCStats pair = sent.get(transport.getString("selectedCandidatePairId")).orElseThrow();
        assertThat(sent.get(pair.getString("localCandidateId")).orElseThrow().type())
                .isEqualTo(RTCStatsType.LOCAL_CANDIDATE);
        assertThat(sent.get(pair.getString("remoteCandidateId")).orElseThrow().type())
                .isEqualTo(RTCStatsType.REMOTE_CANDIDATE);
        assertThat(sent.ofType(RTCStatsType.PEER_CONNECTION)).hasSize(1);
        RTCStatsReport received = await(answerer.getStats());
        RTCStats inbound = received.ofType(RTCStatsType.INBOUND_RTP).stream()
                .filter(st -> st.getString("kind").equals("audio")).findFirst().orElseThrow();
        assertThat(inbound.getLong("packetsReceived")).isGreaterThanOrEqualTo(5);
        assertThat(received.get(inbound.getString("transportId"))).isPresent();
    }

    @Test
    void encodedVp8FramesArriveBitExactAtAReceiverThatDoesNotDecode() throws Exception {
        FrameQueueTrack video = new FrameQueueTrack(MediaKind.VIDEO);
        offerer.addTransceiver(video, new RTCRtpTransceiverInit(RTCRtpTransceiverDirection.SENDONLY, List.of("s"), null));
        answerer.decodeReceivedMedia(false);
        CompletableFuture<RTCTrackEvent> track = new CompletableFuture<>();
        answerer.onTrack(track::complete);
        peers.connect();
        MediaStreamTrack seen = await(track).track();

        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            boolean key = i % 10 == 0;
            byte[] frame = new byte[200 + random.nextInt(5000)];
            random.nextBytes(frame);
            // RFC 6386 §9.1: bit 0 of the first byte is clear in a key frame.
            frame[0] = (byte) (key ? frame[0] & ~1 : frame[0] | 1);
            video.push(new EncodedFrame("video/VP8", frame, key, i * 3000L, TimeBase.VIDEO_90KHZ, 3000));
            EncodedFrame received = (EncodedFrame) next(seen);
            assertThat(received.toByteArray()).as("frame %d", i).isEqualTo(frame);
            assertThat(received.keyFrame()).isEqualTo(key);
        }
        assertThat(await(track).transceiver().currentDirection()).contains(RTCRtpTransceiverDirection.RECVONLY);
    }
}
