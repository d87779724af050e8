module org.ortc4j.examples {
    requires org.ortc4j.sdp;
    requires org.ortc4j.ice;
    requires org.ortc4j.peerconnection;
    // Video codecs (VP8, H.264) and MP4/WebM files for videostream-cli and the server example.
    requires org.ortc4j.media.ffmpeg;
    // The server example's HTTP endpoint (the JDK's own server: no dependency to add).
    requires jdk.httpserver;
}
