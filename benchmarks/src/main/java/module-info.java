module org.ortc4j.benchmarks {
    requires org.ortc4j.sdp;
    requires org.ortc4j.srtp;
    requires org.ortc4j.ice;
    requires org.ortc4j.dtls;
    requires org.ortc4j.rtp;
    requires org.ortc4j.sctp;
    // PeerConnectionSetupBenchmark times RTCPeerConnection set-up.
    requires org.ortc4j.peerconnection;
    requires org.ortc4j.media.ffmpeg;
    // DtlsRecordBenchmark and DtlsHandshakeBenchmark's baseline run Bouncy Castle's DTLS directly.
    requires org.bouncycastle.tls;
    requires org.bouncycastle.provider;
    requires jmh.core;
    // The NIST JAIN-SIP SDP parser, a baseline of SdpBenchmark; an automatic module named from
    // its jar's file name (jain-sip-ri-1.3.0-91.jar declares no Automatic-Module-Name).
    requires jain.sip.ri;
}
