module org.ortc4j.srtp {
}
