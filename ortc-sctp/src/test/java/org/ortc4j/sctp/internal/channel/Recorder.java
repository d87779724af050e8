package org.ortc4j.sctp.internal.channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ortc4j.sctp.RTCError;

/** Notes every event the data-channel layer gives one channel, in order. */
final class Recorder implements ChannelEvents {

    DataChannelEndpoint endpoint;
    int id = -1;
    final List<String> events = new ArrayList<>();
    final List<String> messages = new ArrayList<>();
    final List<byte[]> binary = new ArrayList<>();
    long sent;
    RTCError error;

    Recorder(DataChannelEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onIdAssigned(int streamId) {
        id = streamId;
        events.add("id " + streamId);
    }

    @Override
    public void onOpen() {
        events.add("open");
    }

    @Override
    public void onMessage(boolean isBinary, byte[] data) {
        if (isBinary) {
            binary.add(data);
        } else {
            messages.add(new String(data, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void onSent(long userBytes) {
        sent += userBytes;
    }

    @Override
    public void onClosing() {
        events.add("closing");
    }

    @Override
    public void onClosed(RTCError e) {
        error = e;
        events.add(e == null ? "closed" : "closed with error");
    }

    boolean closed() {
        return events.contains("closed") || events.contains("closed with error");
    }
}
