package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.internal.QueuedDatagramTransport;

/**
 * The queue Bouncy Castle's DTLS reads from: waits on the handshake thread, never on the loop.
 */
class DtlsQueuedDatagramTransportTest {

    private final List<byte[]> sent = new CopyOnWriteArrayList<>();

    @Test
    void onTheLoopAnEmptyQueueThrowsAPlainInterruptedIoExceptionAtOnce() throws Exception {
        QueuedDatagramTransport transport = new QueuedDatagramTransport(sent::add, 1200);
        byte[] buf = new byte[transport.getReceiveLimit()];

        // Not a SocketTimeoutException: BC's record layer would swallow that and spin until its
        // wait ends; a plain InterruptedIOException leaves DTLSTransport.receive at once.
        assertThatThrownBy(() -> transport.receive(buf, 0, buf.length, 60_000))
                .isInstanceOf(InterruptedIOException.class)
                .isNotInstanceOf(SocketTimeoutException.class);
        assertThat(transport.offer(new byte[] {22, 1, 2})).isTrue();
        assertThat(transport.receive(buf, 0, buf.length, 60_000)).isEqualTo(3);
        assertThat(transport.isEmpty()).isTrue();
    }

    @Test
    void onTheHandshakeThreadItWaitsForADatagramOrTimesOut() throws Exception {
        QueuedDatagramTransport transport = new QueuedDatagramTransport(sent::add, 1200);
        byte[] buf = new byte[transport.getReceiveLimit()];
        transport.handshakeThread(Thread.currentThread());

        assertThat(transport.receive(buf, 0, buf.length, 1)).isEqualTo(-1);
        var executor = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                try {
                    transport.handshakeThread(Thread.currentThread());
                    return transport.receive(buf, 0, buf.length, 0);   // 0: wait without end
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, executor);
            transport.offer(new byte[] {22, 9});
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(buf[1]).isEqualTo((byte) 9);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void abortWakesAWaitingHandshakeWithAnIoException() throws Exception {
        QueuedDatagramTransport transport = new QueuedDatagramTransport(sent::add, 1200);
        byte[] buf = new byte[100];
        var executor = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    transport.handshakeThread(Thread.currentThread());
                    transport.receive(buf, 0, buf.length, 0);
                    return null;
                } catch (IOException e) {
                    return e;
                }
            }, executor);
            transport.abort();
            assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                    .hasMessageContaining("stopped");
            // And every later call too; nothing more is queued or sent.
            assertThatThrownBy(() -> transport.receive(buf, 0, buf.length, 5)).isInstanceOf(IOException.class);
            assertThat(transport.offer(new byte[] {22})).isFalse();
            transport.send(new byte[] {1, 2, 3}, 0, 3);
            assertThat(sent).isEmpty();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theQueueIsBoundedAndSendCopies() throws Exception {
        QueuedDatagramTransport transport = new QueuedDatagramTransport(sent::add, 1200);
        for (int i = 0; i < QueuedDatagramTransport.CAPACITY; i++) {
            assertThat(transport.offer(new byte[] {22})).isTrue();
        }
        assertThat(transport.offer(new byte[] {22})).isFalse();

        byte[] data = {9, 8, 7, 6};
        transport.send(data, 1, 2);
        data[1] = 0;
        assertThat(sent).singleElement().satisfies(d -> assertThat(d).containsExactly(8, 7));
        assertThat(transport.getSendLimit()).isEqualTo(1200);
        assertThat(transport.getReceiveLimit()).isEqualTo(QueuedDatagramTransport.MIN_RECEIVE_LIMIT);
    }

    @Test
    void aDatagramLongerThanTheReceiveLimitIsRefused() {
        QueuedDatagramTransport transport = new QueuedDatagramTransport(sent::add, 1200);

        assertThat(transport.offer(new byte[transport.getReceiveLimit() + 1])).isFalse();
        assertThat(transport.offer(new byte[transport.getReceiveLimit()])).isTrue();
        assertThat(new QueuedDatagramTransport(sent::add, 9000).getReceiveLimit()).isEqualTo(9000);
    }
}
