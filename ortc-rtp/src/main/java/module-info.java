/**
 * RTP and RTCP for ortc4j. Exports the W3C RTP parameter and capability values; packets, sender,
 * receiver and transceiver come with the ortc-rtp issue.
 */
module org.ortc4j.rtp {
    requires transitive org.ortc4j.dtls;
    requires transitive org.ortc4j.srtp;
    requires transitive org.ortc4j.media;

    exports org.ortc4j.rtp;
}
