module org.ortc4j.benchmarks {
    requires org.ortc4j.sdp;
    requires jmh.core;
}
