module org.ortc4j.sdp {
    exports org.ortc4j.sdp;
}
