package org.ortc4j.peerconnection.internal.jsep;

import java.util.ArrayList;
import java.util.List;
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpDecodingParameters;
import org.ortc4j.rtp.RTCRtpEncodingParameters;
import org.ortc4j.rtp.RTCRtpReceiveParameters;
import org.ortc4j.rtp.RTCRtpRtxParameters;
import org.ortc4j.rtp.RTCRtpSendParameters;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.RidAttribute;
import org.ortc4j.sdp.RidDirection;

/**
 * What one media section comes to once an offer and an answer are both known: the parameters
 * to give the transceiver's RTCRtpSender and RTCRtpReceiver, and its currentDirection.
 *
 * @param mid the section's mid
 * @param send what our sender uses: the codecs both sides list numbered as the remote declared
 *     them (it receives with those), the remote's extension ids, our SSRC (and RTX SSRC)
 * @param receive what our receiver expects: the common codecs numbered as we declared them, our
 *     extension ids, the remote's SSRCs when it signalled them, else its send rids (RFC 8851),
 *     else none (match by mid and payload type)
 * @param currentDirection W3C currentDirection from our side
 */
public record NegotiatedMedia(String mid, RTCRtpSendParameters send, RTCRtpReceiveParameters receive,
        RTCRtpTransceiverDirection currentDirection) {

    /**
     * The parameters of a section from our side of it and the remote's.
     *
     * @param local our section (from our offer or answer)
     * @param remote the remote's section with the same mid
     * @param weAnswered whether the answer is ours (then its direction is {@code local}'s)
     */
    public static NegotiatedMedia of(LocalSection local, RemoteSection remote, boolean weAnswered) {
        MediaDirection answerDirection = local.rejected() || remote.rejected() ? MediaDirection.INACTIVE
                : weAnswered ? local.direction() : remote.direction();
        RTCRtpTransceiverDirection current = DirectionNegotiation.currentDirection(answerDirection, weAnswered);
        boolean rsize = local.rtcpRsize() && remote.rtcpRsize();
        List<RTCRtpEncodingParameters> encodings = new ArrayList<>();
        // RFC 8853 §5.3: the layers we send are our send rids the answer kept (as recv rids).
        List<String> remoteRecvRids = remote.rids().stream().filter(r -> r.direction() == RidDirection.RECV)
                .map(RidAttribute::id).toList();
        local.rids().stream().filter(r -> r.direction() == RidDirection.SEND && remoteRecvRids.contains(r.id()))
                .forEach(r -> encodings.add(RTCRtpEncodingParameters.newBuilder().rid(r.id()).build()));
        if (encodings.isEmpty() && local.ssrc() != null) {
            encodings.add(local.rtxSsrc() == null ? RTCRtpEncodingParameters.ofSsrc((int) (long) local.ssrc())
                    : RTCRtpEncodingParameters.ofSsrc((int) (long) local.ssrc(), (int) (long) local.rtxSsrc()));
        }
        RTCRtpSendParameters send = new RTCRtpSendParameters(
                CodecNegotiation.common(local.codecs(), remote.codecs(), CodecNegotiation.Numbering.THEIRS),
                CodecNegotiation.commonExtensions(local.headerExtensions(), remote.headerExtensions(),
                        CodecNegotiation.Numbering.THEIRS),
                new RTCRtcpParameters(local.cname(), rsize), local.mid(), encodings, null);
        List<RTCRtpDecodingParameters> decodings = new ArrayList<>();
        for (RemoteStream stream : remote.streams()) {
            decodings.add(new RTCRtpDecodingParameters((int) stream.ssrc(), null,
                    stream.rtxSsrc() == null ? null : new RTCRtpRtxParameters((int) (long) stream.rtxSsrc()), null));
        }
        if (decodings.isEmpty()) {
            // RFC 8851 §4: without SSRCs a sender announces its simulcast streams by rid; the
            // receiver tells them apart with the rtp-stream-id extension.
            remote.rids().stream().filter(r -> r.direction() == RidDirection.SEND)
                    .forEach(r -> decodings.add(new RTCRtpDecodingParameters(null, null, null, r.id())));
        }
        String remoteCname = remote.streams().stream().map(RemoteStream::cname).filter(c -> c != null).findFirst()
                .orElse(null);
        RTCRtpReceiveParameters receive = new RTCRtpReceiveParameters(
                CodecNegotiation.common(local.codecs(), remote.codecs(), CodecNegotiation.Numbering.MINE),
                CodecNegotiation.commonExtensions(local.headerExtensions(), remote.headerExtensions(),
                        CodecNegotiation.Numbering.MINE),
                new RTCRtcpParameters(remoteCname, rsize), local.mid(), decodings);
        return new NegotiatedMedia(local.mid(), send, receive, current);
    }
}
