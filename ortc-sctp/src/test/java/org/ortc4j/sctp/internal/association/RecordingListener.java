package org.ortc4j.sctp.internal.association;

import java.util.ArrayList;
import java.util.List;

/** Records what an association tells the layer above. */
final class RecordingListener implements AssociationListener {

    /** One delivered message. */
    record Message(int streamId, int ppid, byte[] payload, boolean unordered) {}

    final List<Message> messages = new ArrayList<>();
    final List<int[]> incomingResets = new ArrayList<>();
    final List<int[]> outgoingResets = new ArrayList<>();
    final List<String> closed = new ArrayList<>();
    int established;
    int restarted;
    long sentBytes;
    long sentMessages;
    long deliveredBytes;
    boolean keepPayloads = true;
    Runnable onEstablishedAction;

    @Override
    public void onEstablished() {
        established++;
        if (onEstablishedAction != null) {
            onEstablishedAction.run();
        }
    }

    @Override
    public void onMessage(int streamId, int ppid, byte[] payload, boolean unordered) {
        deliveredBytes += payload.length;
        messages.add(new Message(streamId, ppid, keepPayloads ? payload : null, unordered));
    }

    @Override
    public void onMessageSent(int streamId, int messageLength) {
        sentBytes += messageLength;
        sentMessages++;
    }

    @Override
    public void onIncomingStreamsReset(int[] streamIds) {
        incomingResets.add(streamIds.clone());
    }

    @Override
    public void onOutgoingStreamsReset(int[] streamIds) {
        outgoingResets.add(streamIds.clone());
    }

    @Override
    public void onRestarted() {
        restarted++;
    }

    @Override
    public void onClosed(String error) {
        closed.add(error == null ? "<graceful>" : error);
    }

    boolean closedGracefully() {
        return closed.size() == 1 && closed.get(0).equals("<graceful>");
    }
}
