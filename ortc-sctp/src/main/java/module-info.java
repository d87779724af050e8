module org.ortc4j.sctp {
    requires transitive org.ortc4j.dtls;

    exports org.ortc4j.sctp;
}
