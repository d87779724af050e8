/**
 * DTLS for ortc4j: {@code RTCCertificate} and {@code RTCDtlsTransport} over an
 * {@code RTCIceTransport}, with DTLS-SRTP keys for ortc-srtp and RFC 7983 demultiplexing.
 * {@code org.ortc4j.dtls.internal} stays private to the module.
 */
module org.ortc4j.dtls {
    exports org.ortc4j.dtls;

    requires transitive org.ortc4j.ice;
    requires transitive org.ortc4j.srtp;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires org.slf4j;
}
