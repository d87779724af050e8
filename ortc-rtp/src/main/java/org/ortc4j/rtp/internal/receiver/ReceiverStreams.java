package org.ortc4j.rtp.internal.receiver;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpContributingSource;
import org.ortc4j.rtp.RTCRtpDecodingParameters;
import org.ortc4j.rtp.RTCRtpReceiveParameters;
import org.ortc4j.rtp.interceptor.RtpStreamInfo;
import org.ortc4j.rtp.internal.receive.ReceiveCodec;
import org.ortc4j.rtp.internal.session.RtpSession;
import org.ortc4j.rtp.internal.session.UnknownSsrcHandler;
import org.ortc4j.rtp.packet.MidExtension;
import org.ortc4j.rtp.packet.RepairedRtpStreamIdExtension;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpStreamIdExtension;
import org.ortc4j.rtp.payload.RtpPayloadFormats;

/**
 * Binds the stream an {@code RTCRtpReceiver} expects in its transport's session: at once when the
 * parameters signal its SSRC, else when the first packet that is ours arrives (RFC 8843 §9.2):
 * one carrying our MID (and RID, when the encoding names one), or, when no MID was negotiated,
 * one of our payload types. An RTX stream whose SSRC was not signalled is learned the same way
 * from its first packet (RFC 8852 §3.2 repaired-rtp-stream-id, or the MID). Confined to the loop.
 */
public final class ReceiverStreams implements UnknownSsrcHandler {

    private final RtpSession session;
    private final String kind;
    private final RTCRtpReceiveParameters parameters;
    private final RtpHeaderExtensionMap extensions;
    private final RemoteTrack track;
    private final SourceTracker sources = new SourceTracker();
    private final boolean decode;
    private final MediaCodecs codecs;
    private final List<ReceiveCodec> receiveCodecs;
    private final RTCRtpDecodingParameters encoding;
    private final int feedbackSsrc;
    private final byte[] mid;
    private final int midId;
    private final int ridId;
    private final int repairedRidId;
    private ReceiveStream stream;
    private AutoCloseable unknownSsrcRegistration;

    /**
     * @throws IllegalArgumentException if no codec can be received, or more than one encoding is
     *     expected (simulcast reception is not supported)
     */
    public ReceiverStreams(RtpSession session, String kind, RTCRtpReceiveParameters parameters, RemoteTrack track,
            boolean decode, MediaCodecs codecs, int feedbackSsrc) {
        this.session = session;
        this.kind = kind;
        this.parameters = parameters;
        this.extensions = RtpHeaderExtensionMap.of(parameters.headerExtensions());
        this.track = track;
        this.decode = decode;
        this.codecs = codecs;
        this.feedbackSsrc = feedbackSsrc;
        this.receiveCodecs = receiveCodecs(kind, parameters.codecs());
        if (parameters.encodings().size() > 1) {
            throw new IllegalArgumentException("a receiver receives one stream (simulcast reception is not supported), not "
                    + parameters.encodings().size());
        }
        this.encoding = parameters.encodings().isEmpty() ? null : parameters.encodings().get(0);
        this.mid = parameters.mid() == null ? null : parameters.mid().getBytes(StandardCharsets.US_ASCII);
        this.midId = extensions.id(MidExtension.URI);
        this.ridId = extensions.id(RtpStreamIdExtension.URI);
        this.repairedRidId = extensions.id(RepairedRtpStreamIdExtension.URI);
    }

    private static List<ReceiveCodec> receiveCodecs(String kind, List<RTCRtpCodecParameters> codecs) {
        List<ReceiveCodec> result = new ArrayList<>();
        for (RTCRtpCodecParameters codec : codecs) {
            if (!codec.kind().equals(kind)) {
                throw new IllegalArgumentException("codec " + codec.mimeType() + " is not " + kind);
            }
            if (!RtpStreamInfo.isRtx(codec)) {
                RtpPayloadFormats.depacketizer(codec.mimeType()).ifPresent(depacketizer -> result.add(
                        new ReceiveCodec(codec.payloadType(), codec.mimeType(), codec.clockRate(), depacketizer)));
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("none of the codecs " + codecs.stream().map(RTCRtpCodecParameters::mimeType).toList()
                    + " can be received");
        }
        return result;
    }

    /** Binds the signalled stream, or waits for the first packet that is ours. */
    public void start() {
        if (encoding != null && encoding.ssrc() != null) {
            Integer rtx = encoding.rtx() == null ? null : encoding.rtx().ssrc();
            bind(encoding.ssrc(), rtx);
        }
        // Unsignalled streams are claimed by their packets; a signalled one too when MIDs say
        // whose a packet is, because a sender may restart with another SSRC (RFC 3550 §8.2) or
        // send RTX on one not signalled. Without MIDs a signalled receiver claims nothing: payload
        // types alone would take other receivers' streams.
        if (encoding == null || encoding.ssrc() == null || (mid != null && midId != 0)) {
            unknownSsrcRegistration = session.addUnknownSsrcHandler(this);
        }
    }

    @Override
    public boolean claim(RtpPacket packet) {
        RTCRtpCodecParameters codec = codec(packet.payloadType());
        if (codec == null || !matchesMid(packet)) {
            return false;
        }
        boolean rtx = RtpStreamInfo.isRtx(codec);
        if (!matchesRid(packet, rtx)) {
            return false;
        }
        if (rtx) {
            if (stream == null) {
                return false;
            }
            // The RTX stream of the stream we have: bind it with its repair stream.
            bind(stream.info().ssrc(), packet.ssrc());
            return true;
        }
        bind(packet.ssrc(), stream == null ? null : stream.info().rtxSsrc());
        return true;
    }

    private RTCRtpCodecParameters codec(int payloadType) {
        for (RTCRtpCodecParameters codec : parameters.codecs()) {
            if (codec.payloadType() == payloadType) {
                return codec;
            }
        }
        return null;
    }

    private boolean matchesMid(RtpPacket packet) {
        if (mid == null || midId == 0) {
            // RFC 8843 §9.2: without MIDs, payload types alone decide.
            return true;
        }
        ByteBuffer value = packet.extension(midId);
        return value != null && equalBytes(value, mid);
    }

    private boolean matchesRid(RtpPacket packet, boolean rtx) {
        if (encoding == null || encoding.rid() == null) {
            return true;
        }
        int id = rtx ? repairedRidId : ridId;
        if (id == 0) {
            return true;
        }
        ByteBuffer value = packet.extension(id);
        return value != null && equalBytes(value, encoding.rid().getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean equalBytes(ByteBuffer value, byte[] expected) {
        if (value.remaining() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (value.get(value.position() + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private void bind(int ssrc, Integer rtxSsrc) {
        if (stream != null) {
            session.unbindRemoteStream(stream.info());
            stream.close();
        }
        String rid = encoding == null ? null : encoding.rid();
        RtpStreamInfo info = new RtpStreamInfo(ssrc, kind, parameters.codecs(), extensions, parameters.rtcp(), rtxSsrc,
                parameters.mid(), rid);
        stream = new ReceiveStream(info, session, track, sources, decode, codecs, receiveCodecs, feedbackSsrc);
        session.bindRemoteStream(info, stream);
    }

    /** Unbinds the stream and stops claiming. */
    public void stop() {
        if (unknownSsrcRegistration != null) {
            try {
                unknownSsrcRegistration.close();
            } catch (Exception ignored) {
                // Removes a handler; cannot fail.
            }
            unknownSsrcRegistration = null;
        }
        if (stream != null) {
            session.unbindRemoteStream(stream.info());
            stream.close();
            stream = null;
        }
    }

    /** The bound stream, or {@code null} before the first packet of an unsignalled stream. */
    public ReceiveStream stream() {
        return stream;
    }

    /** W3C getSynchronizationSources. */
    public List<RTCRtpContributingSource> synchronizationSources(double nowMs) {
        return sources.synchronizationSources(nowMs);
    }

    /** W3C getContributingSources. */
    public List<RTCRtpContributingSource> contributingSources(double nowMs) {
        return sources.contributingSources(nowMs);
    }
}
