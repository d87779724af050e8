module org.ortc4j.media {
}
