/**
 * RTP and RTCP for ortc4j: the W3C RTP parameter and capability values, RTP/RTCP packets and the
 * RTP payload formats; sender, receiver and transceiver come with the rest of the ortc-rtp issue.
 */
module org.ortc4j.rtp {
    requires transitive org.ortc4j.dtls;
    requires transitive org.ortc4j.srtp;
    requires transitive org.ortc4j.media;
    requires org.slf4j;

    exports org.ortc4j.rtp;
    exports org.ortc4j.rtp.packet;
    exports org.ortc4j.rtp.payload;
    exports org.ortc4j.rtp.interceptor;
    // The JSEP layer offers exactly the RTCP feedback the senders and receivers answer.
    exports org.ortc4j.rtp.internal to org.ortc4j.peerconnection;
}
