module org.ortc4j.dtls {
    requires transitive org.ortc4j.ice;
}
