package org.ortc4j.rtp.internal.receiver;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.interceptor.RtpInput;
import org.ortc4j.rtp.interceptor.RtpStreamInfo;
import org.ortc4j.rtp.internal.AudioLevels;
import org.ortc4j.rtp.internal.MediaWorkers;
import org.ortc4j.rtp.internal.SerialExecutor;
import org.ortc4j.rtp.internal.SupportedCodecs;
import org.ortc4j.rtp.internal.receive.JitterBuffer;
import org.ortc4j.rtp.internal.receive.JitterBufferConfig;
import org.ortc4j.rtp.internal.receive.ReceiveCodec;
import org.ortc4j.rtp.internal.session.RtpSession;
import org.ortc4j.rtp.packet.AudioLevelExtension;
import org.ortc4j.rtp.packet.FullIntraRequest;
import org.ortc4j.rtp.packet.PictureLossIndication;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One received RTP stream of an {@code RTCRtpReceiver}, bound in the transport's session: RTX
 * packets restored, sources tracked, packets through the jitter buffer into frames, frames
 * decoded on a media lane (or handed out encoded), key frames asked for with PLI (RFC 4585
 * §6.3.1) or else FIR (RFC 5104 §4.3.1) when the jitter buffer gives up. Confined to the loop,
 * except decoding.
 */
public final class ReceiveStream implements RtpInput {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveStream.class);

    private final RtpStreamInfo info;
    private final RtpSession session;
    private final RemoteTrack track;
    private final SourceTracker sources;
    private final JitterBuffer jitterBuffer;
    private final boolean decode;
    private final MediaCodecs codecs;
    private final SerialExecutor lane = MediaWorkers.newLane();
    private final int audioLevelId;
    private final AtomicLong framesDecoded = new AtomicLong();
    private final AtomicLong decodeFailures = new AtomicLong();
    private final int feedbackSsrc;
    private long framesAssembled;
    private long keyFramesAssembled;
    private long rtxMalformed;
    private int firSequenceNumber;
    // Lane-confined.
    private MediaDecoder decoder;
    private int decoderPayloadType = -1;

    ReceiveStream(RtpStreamInfo info, RtpSession session, RemoteTrack track, SourceTracker sources, boolean decode,
            MediaCodecs codecs, List<ReceiveCodec> receiveCodecs, int feedbackSsrc) {
        this.info = info;
        this.session = session;
        this.track = track;
        this.sources = sources;
        this.decode = decode;
        this.codecs = codecs;
        this.feedbackSsrc = feedbackSsrc;
        this.audioLevelId = info.headerExtensions().id(AudioLevelExtension.URI);
        this.jitterBuffer = new JitterBuffer(session.scheduler(), info.kind(), receiveCodecs,
                JitterBufferConfig.defaults(info.kind()), new JitterBuffer.Listener() {
                    @Override
                    public void onFrame(EncodedFrame frame, int payloadType, long firstArrivalNanos) {
                        onAssembled(frame, payloadType);
                    }

                    @Override
                    public void onKeyFrameNeeded() {
                        requestKeyFrame();
                    }
                });
    }

    /** The stream as bound. */
    public RtpStreamInfo info() {
        return info;
    }

    @Override
    public void receive(RtpPacket packet, long arrivalNanos) {
        RtpPacket media = packet;
        if (info.rtxSsrc() != null && packet.ssrc() == info.rtxSsrc() && packet.ssrc() != info.ssrc()) {
            media = RtxUnwrapper.unwrap(packet, info);
            if (media == null) {
                rtxMalformed++;
                return;
            }
        } else {
            trackSources(packet);
        }
        jitterBuffer.insert(media, arrivalNanos);
    }

    private void trackSources(RtpPacket packet) {
        Double level = null;
        if (audioLevelId > 0) {
            ByteBuffer value = packet.extension(audioLevelId);
            if (value != null) {
                try {
                    level = AudioLevels.toLinear(AudioLevelExtension.decode(value).level());
                } catch (RtpParseException e) {
                    level = null;
                }
            }
        }
        int[] csrcs = new int[packet.csrcCount()];
        for (int i = 0; i < csrcs.length; i++) {
            csrcs[i] = packet.csrc(i);
        }
        sources.update(packet.ssrc(), csrcs, session.context().wallClockNanos() / 1e6, level, packet.timestamp());
    }

    private void onAssembled(EncodedFrame frame, int payloadType) {
        framesAssembled++;
        if (frame.keyFrame()) {
            keyFramesAssembled++;
        }
        if (!decode) {
            track.push(frame);
            return;
        }
        lane.execute(() -> decode(frame, payloadType));
    }

    private void decode(EncodedFrame frame, int payloadType) {
        if (decoder == null || decoderPayloadType != payloadType) {
            if (decoder != null) {
                decoder.close();
            }
            RTCRtpCodecParameters codec = info.codec(payloadType);
            decoder = codecs.createDecoder(SupportedCodecs.codecInfo(codec)).orElse(null);
            decoderPayloadType = payloadType;
            if (decoder == null) {
                LOG.warn("no decoder for {} on the class path; its frames are dropped (put ortc-media-ffmpeg on the "
                        + "class path for video codecs, or receive without decoding)", codec.mimeType());
            }
        }
        if (decoder == null) {
            decodeFailures.incrementAndGet();
            return;
        }
        try {
            for (MediaFrame decoded : decoder.decode(frame)) {
                // Counted before the track has it: an application that has received N frames
                // must read at least N in getStats (W3C framesDecoded).
                framesDecoded.incrementAndGet();
                track.push(decoded);
            }
        } catch (RuntimeException e) {
            decodeFailures.incrementAndGet();
            LOG.debug("a {} frame did not decode", frame.mimeType(), e);
            if (info.kind().equals("video")) {
                session.scheduler().execute(this::requestKeyFrame);
            }
        }
    }

    /** Asks the sender for a key frame: PLI if negotiated, else FIR if negotiated, else nothing. */
    void requestKeyFrame() {
        RtcpPacket request;
        if (info.hasFeedback("nack", "pli")) {
            request = new PictureLossIndication(feedbackSsrc, info.ssrc());
        } else if (info.hasFeedback("ccm", "fir")) {
            // RFC 5104 §4.3.1.1: the media sender SSRC field is 0; the entry names the stream
            // and a sequence number that increases with each new request.
            firSequenceNumber = (firSequenceNumber + 1) & 0xFF;
            request = new FullIntraRequest(feedbackSsrc, 0, List.of(new FullIntraRequest.Entry(info.ssrc(), firSequenceNumber)));
        } else {
            return;
        }
        session.rtcpOutput().write(List.of(request));
    }

    /** Stops the jitter buffer and the decoder. */
    void close() {
        jitterBuffer.close();
        lane.execute(() -> {
            if (decoder != null) {
                decoder.close();
                decoder = null;
            }
        });
    }

    /** The jitter buffer, for its statistics. */
    public JitterBuffer jitterBuffer() {
        return jitterBuffer;
    }

    /** Frames assembled by the jitter buffer. */
    public long framesAssembled() {
        return framesAssembled;
    }

    /** Key frames assembled. */
    public long keyFramesAssembled() {
        return keyFramesAssembled;
    }

    /** Frames decoded (W3C {@code framesDecoded}). */
    public long framesDecoded() {
        return framesDecoded.get();
    }

    /** Frames that could not be decoded, or had no decoder. */
    public long decodeFailures() {
        return decodeFailures.get();
    }

    /** RTX packets that could not be restored. */
    public long rtxMalformed() {
        return rtxMalformed;
    }
}
