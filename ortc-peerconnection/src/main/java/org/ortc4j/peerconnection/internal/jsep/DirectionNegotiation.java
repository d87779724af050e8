package org.ortc4j.peerconnection.internal.jsep;

import org.ortc4j.rtp.RTCRtpTransceiverDirection;
import org.ortc4j.sdp.MediaDirection;

/** Direction rules of offer/answer: the answer's direction and a transceiver's currentDirection. */
public final class DirectionNegotiation {

    private DirectionNegotiation() {
    }

    /**
     * The direction to answer with.
     *
     * <p>RFC 3264 §6.1: a stream offered sendonly is answered recvonly or inactive, one offered
     * recvonly is answered sendonly or inactive, one offered inactive is answered inactive, and
     * one offered sendrecv may be answered with any direction. RFC 9429 §5.3.1: the answer's
     * direction is the intersection of the offered direction (seen from our side) and the
     * transceiver's direction.
     *
     * @param offered the direction in the offer, from the offerer's side
     * @param wanted our transceiver's direction; STOPPED answers inactive
     */
    public static MediaDirection answer(MediaDirection offered, RTCRtpTransceiverDirection wanted) {
        boolean remoteSends = offered == MediaDirection.SENDRECV || offered == MediaDirection.SENDONLY;
        boolean remoteReceives = offered == MediaDirection.SENDRECV || offered == MediaDirection.RECVONLY;
        boolean send = remoteReceives && sends(wanted);
        boolean receive = remoteSends && receives(wanted);
        return of(send, receive);
    }

    /**
     * A transceiver's currentDirection after an answer is applied: W3C WebRTC §4.4.1.5, "the
     * direction ... negotiated" seen from our side. When we answered, it is our answer's
     * direction; when we offered, it is the remote answer's direction reversed.
     *
     * @param answerDirection the direction written in the answer
     * @param weAnswered whether the answer is ours
     */
    public static RTCRtpTransceiverDirection currentDirection(MediaDirection answerDirection, boolean weAnswered) {
        MediaDirection ours = weAnswered ? answerDirection : reverse(answerDirection);
        return toTransceiver(ours);
    }

    /** The direction as seen from the other side: sendonly and recvonly swap. */
    public static MediaDirection reverse(MediaDirection direction) {
        return switch (direction) {
            case SENDONLY -> MediaDirection.RECVONLY;
            case RECVONLY -> MediaDirection.SENDONLY;
            default -> direction;
        };
    }

    /** The SDP direction for a transceiver direction; STOPPED is written inactive. */
    public static MediaDirection toSdp(RTCRtpTransceiverDirection direction) {
        return of(sends(direction), receives(direction));
    }

    /** The transceiver direction for an SDP direction. */
    public static RTCRtpTransceiverDirection toTransceiver(MediaDirection direction) {
        return switch (direction) {
            case SENDRECV -> RTCRtpTransceiverDirection.SENDRECV;
            case SENDONLY -> RTCRtpTransceiverDirection.SENDONLY;
            case RECVONLY -> RTCRtpTransceiverDirection.RECVONLY;
            case INACTIVE -> RTCRtpTransceiverDirection.INACTIVE;
        };
    }

    static boolean sends(RTCRtpTransceiverDirection direction) {
        return direction == RTCRtpTransceiverDirection.SENDRECV || direction == RTCRtpTransceiverDirection.SENDONLY;
    }

    static boolean receives(RTCRtpTransceiverDirection direction) {
        return direction == RTCRtpTransceiverDirection.SENDRECV || direction == RTCRtpTransceiverDirection.RECVONLY;
    }

    static MediaDirection of(boolean send, boolean receive) {
        if (send) {
            return receive ? MediaDirection.SENDRECV : MediaDirection.SENDONLY;
        }
        return receive ? MediaDirection.RECVONLY : MediaDirection.INACTIVE;
    }
}
