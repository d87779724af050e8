module org.ortc4j.examples {
    requires org.ortc4j.sdp;
    requires org.ortc4j.ice;
}
