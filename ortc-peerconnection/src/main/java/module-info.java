/**
 * RTCPeerConnection for ortc4j: JSEP over the ORTC objects of the lower modules.
 */
module org.ortc4j.peerconnection {
    requires transitive org.ortc4j.sdp;
    requires transitive org.ortc4j.ice;
    requires transitive org.ortc4j.dtls;
    requires transitive org.ortc4j.sctp;
    requires transitive org.ortc4j.rtp;

    exports org.ortc4j.peerconnection;
}
