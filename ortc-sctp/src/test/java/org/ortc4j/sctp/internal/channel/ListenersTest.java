package org.ortc4j.sctp.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenersTest {

    @Test
    void aThrowingListenerDoesNotStopTheOthersAndClosingRemoves() throws Exception {
        Listeners<String> listeners = new Listeners<>();
        List<String> got = new ArrayList<>();
        listeners.add(v -> {
            throw new IllegalStateException("user bug");
        });
        AutoCloseable second = listeners.add(v -> got.add("second " + v));
        listeners.add(() -> got.add("third"));

        listeners.fire("x");
        second.close();
        listeners.fire("y");

        assertThat(got).containsExactly("second x", "third", "third");
    }

    @Test
    void aOnceEventRunsEachListenerOnceAndLateListenersAtOnceOnTheLoop() throws Exception {
        List<Runnable> loop = new ArrayList<>();
        OnceEvent<String> event = new OnceEvent<>(loop::add);
        List<String> got = new ArrayList<>();
        event.add(() -> got.add("early"));
        AutoCloseable removed = event.add(() -> got.add("removed"));
        removed.close();

        event.fire("value");
        event.fire("again");
        assertThat(got).containsExactly("early");

        event.add(v -> got.add("late " + v));
        assertThat(got).containsExactly("early");
        assertThat(loop).hasSize(1);
        loop.get(0).run();
        assertThat(got).containsExactly("early", "late value");
    }
}
