package org.ortc4j.rtp.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.interceptor.InboundRtpCounters;
import org.ortc4j.rtp.interceptor.OutboundRtpCounters;
import org.ortc4j.rtp.interceptor.RemoteInboundCounters;
import org.ortc4j.rtp.interceptor.RemoteOutboundCounters;
import org.ortc4j.rtp.interceptor.RtcpReportInterceptor;
import org.ortc4j.rtp.interceptor.RtpInterceptor;
import org.ortc4j.rtp.interceptor.RtpStreamInfo;
import org.ortc4j.rtp.internal.receive.JitterBufferStats;
import org.ortc4j.rtp.internal.receiver.ReceiveStream;
import org.ortc4j.rtp.internal.sender.FramePump;
import org.ortc4j.rtp.internal.sender.RtpStreamSender;
import org.ortc4j.rtp.internal.session.RtpSession;

/**
 * The W3C webrtc-stats objects (§3) of an {@code RTCRtpSender} or {@code RTCRtpReceiver}, from
 * the counters of its stream, of the transport's report interceptor and of its jitter buffer;
 * ids are stable across calls and link the objects as webrtc-stats says (codecId, transportId,
 * remoteId/localId, mediaSourceId). Called on the transport's loop.
 */
public final class RtpStats {

    private RtpStats() {
    }

    /** The id of the transport stats entry for this transport (what a peer connection reports). */
    public static String transportId(RTCDtlsTransport transport) {
        return "T" + Integer.toHexString(System.identityHashCode(transport));
    }

    /** outbound-rtp, remote-inbound-rtp, codec and media-source stats of a sending stream. */
    public static RTCStatsReport forSender(RtpSession session, RtpStreamInfo stream, RtpStreamSender sender, FramePump pump,
            MediaStreamTrack track) {
        double now = session.context().wallClockNanos() / 1e6;
        String transportId = transportId(session.transport());
        String ssrc = Integer.toUnsignedString(stream.ssrc());
        String outboundId = "OT" + transportId + stream.kind().charAt(0) + ssrc;
        String remoteId = "RI" + transportId + stream.kind().charAt(0) + ssrc;
        RTCRtpCodecParameters codec = sender.codec();
        String codecId = codecId(transportId, codec);
        List<RTCStats> stats = new ArrayList<>();
        stats.add(codec(codecId, transportId, codec, now));

        Map<String, Object> outbound = new LinkedHashMap<>();
        common(outbound, stream, transportId, codecId);
        Optional<OutboundRtpCounters> counters = reports(session).flatMap(r -> r.outbound(stream.ssrc()));
        counters.ifPresent(c -> {
            outbound.put("packetsSent", c.packetsSent());
            outbound.put("bytesSent", c.bytesSent());
            outbound.put("headerBytesSent", c.headerBytesSent());
            outbound.put("retransmittedPacketsSent", c.retransmittedPacketsSent());
            outbound.put("retransmittedBytesSent", c.retransmittedBytesSent());
            outbound.put("nackCount", c.nackCount());
            if (stream.kind().equals("video")) {
                outbound.put("firCount", c.firCount());
                outbound.put("pliCount", c.pliCount());
            }
        });
        if (stream.mid() != null) {
            outbound.put("mid", stream.mid());
        }
        if (stream.rid() != null) {
            outbound.put("rid", stream.rid());
        }
        if (stream.rtxSsrc() != null) {
            outbound.put("rtxSsrc", Integer.toUnsignedLong(stream.rtxSsrc()));
        }
        if (stream.kind().equals("video")) {
            outbound.put("framesSent", sender.framesSent());
            outbound.put("keyFramesEncoded", sender.keyFramesSent());
        }
        outbound.put("framesDropped", pump.framesDropped());
        if (track != null) {
            String sourceId = "SO" + transportId + track.id();
            outbound.put("mediaSourceId", sourceId);
            stats.add(new RTCStats(sourceId, RTCStatsType.MEDIA_SOURCE, now,
                    Map.of("trackIdentifier", track.id(), "kind", track.kind().value())));
        }
        Optional<RemoteInboundCounters> remote = reports(session).flatMap(r -> r.remoteInbound(stream.ssrc()));
        remote.ifPresent(r -> {
            outbound.put("remoteId", remoteId);
            Map<String, Object> members = new LinkedHashMap<>();
            common(members, stream, transportId, codecId);
            members.put("packetsLost", r.packetsLost());
            members.put("fractionLost", r.fractionLost());
            members.put("jitter", r.jitter());
            r.roundTripTime().ifPresent(rtt -> members.put("roundTripTime", rtt));
            members.put("totalRoundTripTime", r.totalRoundTripTime());
            members.put("roundTripTimeMeasurements", r.roundTripTimeMeasurements());
            members.put("reportsReceived", r.reportsReceived());
            members.put("localId", outboundId);
            stats.add(new RTCStats(remoteId, RTCStatsType.REMOTE_INBOUND_RTP, r.timestamp(), members));
        });
        stats.add(0, new RTCStats(outboundId, RTCStatsType.OUTBOUND_RTP, now, outbound));
        return new RTCStatsReport(stats);
    }

    /** inbound-rtp, remote-outbound-rtp and codec stats of a received stream. */
    public static RTCStatsReport forReceiver(RtpSession session, ReceiveStream stream, MediaStreamTrack track) {
        RtpStreamInfo info = stream.info();
        double now = session.context().wallClockNanos() / 1e6;
        String transportId = transportId(session.transport());
        String ssrc = Integer.toUnsignedString(info.ssrc());
        String inboundId = "IT" + transportId + info.kind().charAt(0) + ssrc;
        String remoteId = "RO" + transportId + info.kind().charAt(0) + ssrc;
        List<RTCStats> stats = new ArrayList<>();
        Map<String, Object> inbound = new LinkedHashMap<>();
        RTCRtpCodecParameters codec = firstMediaCodec(info);
        String codecId = codecId(transportId, codec);
        stats.add(codec(codecId, transportId, codec, now));
        common(inbound, info, transportId, codecId);
        inbound.put("trackIdentifier", track.id());
        if (info.mid() != null) {
            inbound.put("mid", info.mid());
        }
        reports(session).flatMap(r -> r.inbound(info.ssrc())).ifPresent((InboundRtpCounters c) -> {
            inbound.put("packetsReceived", c.packetsReceived());
            inbound.put("packetsLost", c.packetsLost());
            inbound.put("jitter", c.jitter());
            inbound.put("bytesReceived", c.bytesReceived());
            inbound.put("headerBytesReceived", c.headerBytesReceived());
            c.lastPacketReceivedTimestamp().ifPresent(t -> inbound.put("lastPacketReceivedTimestamp", t));
            inbound.put("retransmittedPacketsReceived", c.retransmittedPacketsReceived());
            inbound.put("retransmittedBytesReceived", c.retransmittedBytesReceived());
            inbound.put("nackCount", c.nackCount());
            if (info.kind().equals("video")) {
                inbound.put("firCount", c.firCount());
                inbound.put("pliCount", c.pliCount());
            }
        });
        JitterBufferStats buffer = stream.jitterBuffer().stats();
        if (info.kind().equals("video")) {
            // W3C webrtc-stats: framesReceived counts complete frames received, framesDropped
            // those of them dropped before decoding (waiting for a key frame, given up).
            inbound.put("framesReceived", buffer.framesReceived() + buffer.framesDropped());
            inbound.put("keyFramesDecoded", stream.keyFramesAssembled());
            inbound.put("framesDropped", buffer.framesDropped());
        }
        inbound.put("framesDecoded", stream.framesDecoded());
        inbound.put("jitterBufferEmittedCount", buffer.framesReceived());
        reports(session).flatMap(r -> r.remoteOutbound(info.ssrc())).ifPresent((RemoteOutboundCounters r) -> {
            inbound.put("remoteId", remoteId);
            Map<String, Object> members = new LinkedHashMap<>();
            common(members, info, transportId, codecId);
            members.put("packetsSent", r.packetsSent());
            members.put("bytesSent", r.bytesSent());
            members.put("remoteTimestamp", r.remoteTimestamp());
            members.put("reportsSent", r.reportsSent());
            r.roundTripTime().ifPresent(rtt -> members.put("roundTripTime", rtt));
            members.put("localId", inboundId);
            stats.add(new RTCStats(remoteId, RTCStatsType.REMOTE_OUTBOUND_RTP, r.timestamp(), members));
        });
        stats.add(0, new RTCStats(inboundId, RTCStatsType.INBOUND_RTP, now, inbound));
        return new RTCStatsReport(stats);
    }

    private static void common(Map<String, Object> members, RtpStreamInfo stream, String transportId, String codecId) {
        members.put("ssrc", Integer.toUnsignedLong(stream.ssrc()));
        members.put("kind", stream.kind());
        members.put("transportId", transportId);
        members.put("codecId", codecId);
    }

    private static RTCRtpCodecParameters firstMediaCodec(RtpStreamInfo stream) {
        for (RTCRtpCodecParameters codec : stream.codecs()) {
            if (!RtpStreamInfo.isRtx(codec)) {
                return codec;
            }
        }
        throw new IllegalStateException("a bound stream has a media codec");
    }

    private static String codecId(String transportId, RTCRtpCodecParameters codec) {
        return "CI" + transportId + "_" + codec.payloadType();
    }

    private static RTCStats codec(String id, String transportId, RTCRtpCodecParameters codec, double now) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("payloadType", (long) codec.payloadType());
        members.put("transportId", transportId);
        members.put("mimeType", codec.mimeType());
        members.put("clockRate", (long) codec.clockRate());
        if (codec.channels() != null) {
            members.put("channels", (long) codec.channels());
        }
        if (!codec.parameters().isEmpty()) {
            // W3C webrtc-stats §7.4 sdpFmtpLine: "the a=fmtp line in the SDP ..., after the
            // colon and payload type".
            members.put("sdpFmtpLine", codec.parameters().entrySet().stream()
                    .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(";")));
        }
        return new RTCStats(id, RTCStatsType.CODEC, now, members);
    }

    private static Optional<RtcpReportInterceptor> reports(RtpSession session) {
        for (RtpInterceptor interceptor : session.interceptors().interceptors()) {
            if (interceptor instanceof RtcpReportInterceptor reports) {
                return Optional.of(reports);
            }
        }
        return Optional.empty();
    }
}
