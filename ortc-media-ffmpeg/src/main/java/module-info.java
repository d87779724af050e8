module org.ortc4j.media.ffmpeg {
    requires transitive org.ortc4j.media;
}
