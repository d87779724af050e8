package org.ortc4j.media;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/** An in-memory, non-seekable channel for writer tests. */
final class MemoryChannel {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final WritableByteChannel channel = Channels.newChannel(bytes);

    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
