/** SRTP and SRTCP (RFC 3711, RFC 7714, RFC 6188) with no I/O; internals stay unexported. */
module org.ortc4j.srtp {
    exports org.ortc4j.srtp;
}
