package org.ortc4j.examples.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/** aiortc's TcpSocketSignaling: the offerer listens, the answerer connects, one JSON object per line. */
class TcpSocketSignalingTest {

    private static final long TIMEOUT_SECONDS = 10;
    private static final String LOOPBACK = "127.0.0.1";

    private static final RTCSessionDescription OFFER = new RTCSessionDescription(RTCSdpType.OFFER,
            "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n");
    private static final RTCSessionDescription ANSWER = new RTCSessionDescription(RTCSdpType.ANSWER,
            "v=0\r\no=- 2 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n");
    private static final SignaledCandidate HOST = new SignaledCandidate(
            RTCIceCandidate.parse("candidate:1 1 udp 2130706431 192.168.1.2 54321 typ host"), "0", 0);
    private static final SignaledCandidate SRFLX = new SignaledCandidate(
            RTCIceCandidate.parse("candidate:2 1 udp 1694498815 203.0.113.7 40000 typ srflx raddr 192.168.1.2 rport 54321"), "0", 0);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (IOException e) {
                // the other side may be gone already; nothing left to release
            }
        }
        threads.shutdownNow();
        assertThat(threads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void offererAndAnswererExchangeOfferAnswerCandidatesAndBye() throws Exception {
        TcpSocketSignaling offerer = track(new TcpSocketSignaling(LOOPBACK, 0));
        offerer.connect();
        CompletableFuture<List<Object>> offererSide = async(() -> {
            offerer.send(OFFER); // listens, and waits for the answerer
            List<Object> received = new ArrayList<>();
            received.add(offerer.receive());
            received.add(offerer.receive());
            offerer.send(HOST);
            offerer.send(SRFLX);
            offerer.close(); // sends the bye
            return received;
        });
        int port = offerer.listening().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getPort();
        TcpSocketSignaling answerer = track(new TcpSocketSignaling(LOOPBACK, port));
        answerer.connect();

        Object offer = answerer.receive(); // connects
        answerer.send(ANSWER);
        answerer.send(HOST);
        List<Object> afterAnswer = List.of(answerer.receive(), answerer.receive(), answerer.receive());
        Object afterBye = answerer.receive();

        assertThat(offer).isEqualTo(OFFER);
        assertThat(offererSide.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).containsExactly(ANSWER, HOST);
        assertThat(afterAnswer).containsExactly(HOST, SRFLX, Bye.BYE);
        assertThat(afterBye).as("the offerer closed the connection").isNull();
    }

    @Test
    void offererWritesOneAiortcLinePerMessageAndReadsAiortcLines() throws Exception {
        TcpSocketSignaling offerer = track(new TcpSocketSignaling(LOOPBACK, 0));
        CompletableFuture<Object> sent = async(() -> {
            offerer.send(OFFER);
            return offerer.receive();
        });
        try (Socket aiortc = connect(offerer)) {
            BufferedReader lines = reader(aiortc);

            String offerLine = lines.readLine();
            // what aiortc's answerer sends back: object_to_string(answer) + "\n"
            write(aiortc, "{\"sdp\": \"v=0\\r\\no=- 2 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\n\", \"type\": \"answer\"}\n");

            assertThat(offerLine).isEqualTo("{\"sdp\": \"v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\n\", \"type\": \"offer\"}");
            assertThat(sent.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ANSWER);
            offerer.close();
            assertThat(lines.readLine()).isEqualTo("{\"type\": \"bye\"}");
            assertThat(lines.readLine()).as("closed after the bye").isNull();
        }
    }

    @Test
    void badLinesAreReportedAndTheNextLineIsRead() throws Exception {
        TcpSocketSignaling offerer = track(new TcpSocketSignaling(LOOPBACK, 0, 64));
        CompletableFuture<Void> sent = async(() -> {
            offerer.send(Bye.BYE);
            return null;
        });
        try (Socket peer = connect(offerer)) {
            sent.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            peer.getOutputStream().write(("not json\n" + "x".repeat(100) + "\n").getBytes(StandardCharsets.US_ASCII));
            peer.getOutputStream().write(new byte[] {'{', '"', (byte) 0xFF, '"', '}', '\n'});
            write(peer, "{\"type\": \"bye\"}\n");

            assertThatThrownBy(offerer::receive).isInstanceOf(InvalidSignalingMessageException.class)
                    .hasMessageContaining("malformed JSON");
            assertThatThrownBy(offerer::receive).isInstanceOf(InvalidSignalingMessageException.class)
                    .hasMessageContaining("longer than 64 bytes");
            assertThatThrownBy(offerer::receive).isInstanceOf(InvalidSignalingMessageException.class)
                    .hasMessageContaining("not UTF-8");
            assertThat(offerer.receive()).isSameAs(Bye.BYE);
        }
    }

    @Test
    void lineCutShortByTheEndOfTheStreamIsNoMessage() throws Exception {
        TcpSocketSignaling offerer = track(new TcpSocketSignaling(LOOPBACK, 0));
        CompletableFuture<Void> sent = async(() -> {
            offerer.send(OFFER);
            return null;
        });
        try (Socket peer = connect(offerer)) {
            sent.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            write(peer, "{\"type\": \"bye\"}"); // no "\n": aiortc's readuntil() raises IncompleteReadError
            peer.shutdownOutput();

            assertThat(offerer.receive()).isNull();
        }
    }

    @Test
    void answererFailsWhenNoOffererListens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            port = probe.getLocalPort();
        }
        TcpSocketSignaling answerer = track(new TcpSocketSignaling(LOOPBACK, port));

        assertThatThrownBy(answerer::receive).isInstanceOf(ConnectException.class);
    }

    @Test
    void closeStopsAnOffererWaitingForItsAnswererAndItCanListenAgain() throws Exception {
        TcpSocketSignaling offerer = track(new TcpSocketSignaling(LOOPBACK, 0));
        CompletableFuture<Void> waiting = async(() -> {
            offerer.send(OFFER);
            return null;
        });
        offerer.listening().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        offerer.close();

        assertThatThrownBy(() -> waiting.get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        assertThat(offerer.listening()).isNotDone();
        CompletableFuture<Void> again = async(() -> {
            offerer.send(OFFER);
            return null;
        });
        try (Socket peer = connect(offerer)) {
            again.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(reader(peer).readLine()).endsWith("\"type\": \"offer\"}");
        }
    }

    @Test
    void answererSaysByeOnClose() throws Exception {
        try (ServerSocket offerer = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            offerer.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            TcpSocketSignaling answerer = track(new TcpSocketSignaling(LOOPBACK, offerer.getLocalPort()));
            CompletableFuture<Object> receiving = async(answerer::receive);
            try (Socket accepted = offerer.accept()) {
                accepted.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                write(accepted, SignalingMessages.toJson(OFFER) + "\n");
                assertThat(receiving.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(OFFER);

                answerer.close();

                BufferedReader lines = reader(accepted);
                assertThat(lines.readLine()).isEqualTo("{\"type\": \"bye\"}");
                assertThat(lines.readLine()).isNull();
            }
        }
    }

    @Test
    void closeBeforeAnyConnectionSendsNothing() throws Exception {
        TcpSocketSignaling unused = new TcpSocketSignaling(LOOPBACK, 1234);

        unused.close();

        assertThat(unused.listening()).isNotDone();
    }

    @Test
    void portAndLineLimitAreChecked() {
        assertThatThrownBy(() -> new TcpSocketSignaling(LOOPBACK, 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpSocketSignaling(LOOPBACK, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpSocketSignaling(LOOPBACK, 1234, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private <T> CompletableFuture<T> async(Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private TcpSocketSignaling track(TcpSocketSignaling signaling) {
        toClose.add(signaling);
        return signaling;
    }

    private static Socket connect(TcpSocketSignaling offerer) throws Exception {
        int port = offerer.listening().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getPort();
        Socket socket = new Socket(LOOPBACK, port);
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
