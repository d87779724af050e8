package org.ortc4j.sctp.internal.association;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.ortc4j.sctp.internal.control.PrPolicy;
import org.ortc4j.sctp.internal.stream.MessageFragmenter;
import org.ortc4j.sctp.internal.stream.OutboundFragment;

/**
 * User messages waiting to be sent for the first time, first in first out. A message is
 * fragmented (and so takes its SSN) only when it reaches the head of the queue, so that a stream
 * reset between queueing and sending numbers it in the new sequence. Confined to the loop.
 */
final class SendQueue {

    /** One queued user message, with the scheduler time it was queued. */
    record Message(int streamId, int ppid, byte[] data, boolean unordered, PrPolicy policy, long queuedNanos) {}

    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private final ArrayDeque<OutboundFragment> fragments = new ArrayDeque<>();
    private Message current;
    private long bytes;

    void add(Message m) {
        messages.add(m);
        bytes += m.data().length;
    }

    /** Bytes of messages not yet sent once (the head message counts until its last fragment). */
    long bufferedBytes() {
        return bytes;
    }

    boolean isEmpty() {
        return current == null && messages.isEmpty();
    }

    /** The next fragment to send, fragmenting the next message if needed; {@code null} if none. */
    OutboundFragment peek(MessageFragmenter fragmenter, int maxFragmentSize) {
        if (fragments.isEmpty()) {
            current = messages.poll();
            if (current == null) {
                return null;
            }
            fragments.addAll(fragmenter.fragment(current.streamId(), current.ppid(), current.unordered(),
                    current.data(), maxFragmentSize));
        }
        return fragments.peekFirst();
    }

    /** The message the fragment from {@link #peek} belongs to. */
    Message current() {
        return current;
    }

    /**
     * Takes the fragment returned by {@link #peek}.
     *
     * @return the message whose last fragment this was, or {@code null}
     */
    Message poll() {
        OutboundFragment f = fragments.poll();
        if (f != null && f.ending()) {
            Message done = current;
            current = null;
            bytes -= done.data().length;
            return done;
        }
        return null;
    }

    /**
     * Removes and returns the next message if it has not started and its lifetime ran out while
     * it waited; otherwise {@code null}.
     */
    Message expiredHead(long now) {
        if (!fragments.isEmpty()) {
            return null;
        }
        Message m = messages.peek();
        if (m == null || m.policy().lifetimeNanos() < 0 || now - m.queuedNanos() < m.policy().lifetimeNanos()) {
            return null;
        }
        messages.poll();
        bytes -= m.data().length;
        return m;
    }

    /** Whether a message of a stream {@code streams} selects waits (one being sent counts). */
    boolean hasMessagesFor(java.util.function.IntPredicate streams) {
        if (current != null && !fragments.isEmpty() && streams.test(current.streamId())) {
            return true;
        }
        for (Message m : messages) {
            if (streams.test(m.streamId())) {
                return true;
            }
        }
        return false;
    }

    /** Removes the messages (not yet started) that {@code drop} selects; returns them. */
    List<Message> removeIf(java.util.function.Predicate<Message> drop) {
        List<Message> removed = new ArrayList<>();
        Iterator<Message> it = messages.iterator();
        while (it.hasNext()) {
            Message m = it.next();
            if (drop.test(m)) {
                it.remove();
                bytes -= m.data().length;
                removed.add(m);
            }
        }
        return removed;
    }

    /** Empties the queue, the message being sent included; returns what was dropped. */
    List<Message> clear() {
        List<Message> removed = new ArrayList<>();
        if (current != null) {
            removed.add(current);
        }
        removed.addAll(messages);
        messages.clear();
        fragments.clear();
        current = null;
        bytes = 0;
        return removed;
    }
}
