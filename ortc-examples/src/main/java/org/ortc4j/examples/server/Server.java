package org.ortc4j.examples.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.ortc4j.examples.signaling.SignalingMessages;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * The {@code server} example (aiortc's {@code examples/server/server.py}): an HTTP server whose
 * page ({@code GET /}, {@code GET /client.js}) sends the browser's camera and microphone to this
 * JVM and shows what comes back: the camera transformed ({@link VideoTransform}), the microphone
 * echoed, and the round-trip time of {@code ping}s on a data channel. The page posts its offer,
 * with every candidate, to {@code POST /offer} as {@code {"sdp", "type", "video_transform"}} and
 * gets the answer, with every candidate, as {@code {"sdp", "type"}}.
 *
 * <pre>
 * mvn -q -pl ortc-examples -am compile exec:java -Dexec.mainClass=org.ortc4j.examples.server.Server \
 *     -Dexec.args="--port 8080"
 * </pre>
 * then open http://localhost:8080/ in a browser (a page served from localhost may use the camera).
 * {@code ?start=1} starts the call as soon as the page loads, with the options
 * {@code transform}, {@code audio}, {@code video}, {@code resolution} and {@code codec} taken from
 * the address (for example {@code ?start=1&video=1&transform=edges}).
 */
public final class Server implements AutoCloseable {

    /** Calls at once; beyond this {@code POST /offer} answers 503. */
    static final int MAX_CALLS = 16;
    /** How long an offer may take to answer, gathering included. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private static final Set<String> PAGE_FILES = Set.of("index.html", "client.js");

    private final HttpServer http;
    private final ExecutorService httpWorkers;
    private final ExecutorService transforms;
    private final ServerLog log;
    private final RTCIceGatherOptions gatherOptions;
    private final List<BrowserCall> calls = new CopyOnWriteArrayList<>();
    /** One permit per call, taken before the peer connection exists, given back when it ends. */
    private final Semaphore callSlots = new Semaphore(MAX_CALLS);
    private final List<Consumer<BrowserCall>> callListeners = new CopyOnWriteArrayList<>();
    private final String page;
    private final String script;

    private Server(ServerOptions options, PrintStream logTo) throws IOException {
        this.log = new ServerLog(logTo, options.verbose());
        this.gatherOptions = RTCIceGatherOptions.newBuilder().includeLoopback(options.includeLoopback()).build();
        this.page = resource("index.html");
        this.script = resource("client.js");
        this.httpWorkers = Executors.newFixedThreadPool(4, daemonThreads("ortc4j-server-http"));
        this.transforms = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                daemonThreads("ortc4j-server-transform"));
        this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        http.setExecutor(httpWorkers);
        http.createContext("/", this::handle);
        http.start();
    }

    /**
     * Starts a server.
     *
     * @param logTo where the log goes
     * @throws IOException if the address cannot be bound
     */
    public static Server start(ServerOptions options, PrintStream logTo) throws IOException {
        return new Server(options, logTo);
    }

    /** Runs the server until the process ends. */
    public static void main(String[] args) throws IOException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(ServerOptions.USAGE);
            return;
        }
        Server server = start(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ortc4j-server-shutdown"));
        System.out.println("======== Running on http://" + options.host() + ":" + server.address().getPort()
                + " ========");
        System.out.println("(Press CTRL+C to quit)");
    }

    /** The address the HTTP server listens on. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The page's address on this machine ({@code http://127.0.0.1:<port>/} when bound to any address). */
    public URI localUri() {
        InetSocketAddress address = address();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /** The calls that are up (answered and not yet failed or closed), oldest first. */
    public List<BrowserCall> calls() {
        return List.copyOf(calls);
    }

    /**
     * Runs {@code listener} with each new call once its answer is ready, on the HTTP worker that
     * answered. Closing the handle removes it.
     */
    public AutoCloseable onCall(Consumer<BrowserCall> listener) {
        callListeners.add(listener);
        return () -> callListeners.remove(listener);
    }

    /** Stops the HTTP server and closes every call (aiortc's {@code on_shutdown}). */
    @Override
    public void close() {
        http.stop(0);
        calls.forEach(BrowserCall::close);
        calls.clear();
        httpWorkers.shutdownNow();
        transforms.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            log.debug("HTTP " + method + " " + path + " from " + exchange.getRemoteAddress());
            switch (path) {
                case "/", "/index.html" -> get(exchange, method, "text/html; charset=utf-8", page);
                case "/client.js" -> get(exchange, method, "application/javascript; charset=utf-8", script);
                case "/offer" -> {
                    if (!method.equals("POST")) {
                        exchange.getResponseHeaders().set("Allow", "POST");
                        send(exchange, 405, "text/plain; charset=utf-8", "POST an offer here\n");
                    } else {
                        offer(exchange);
                    }
                }
                default -> send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            }
        }
    }

    private static void get(HttpExchange exchange, String method, String type, String body) throws IOException {
        if (method.equals("GET") || method.equals("HEAD")) {
            send(exchange, 200, type, body);
        } else {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "GET this page\n");
        }
    }

    private void offer(HttpExchange exchange) throws IOException {
        OfferRequest request;
        try {
            request = OfferRequest.parse(readBody(exchange.getRequestBody()));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
            return;
        }
        if (!callSlots.tryAcquire()) {
            send(exchange, 503, "text/plain; charset=utf-8", "too many calls (" + MAX_CALLS + ")\n");
            return;
        }
        BrowserCall call = new BrowserCall(gatherOptions, request.videoTransform(), transforms, log);
        call.ended().thenRun(callSlots::release);
        log.info(call.id() + " Created for " + exchange.getRemoteAddress() + ", video transform "
                + request.videoTransform().value());
        RTCSessionDescription answer;
        try {
            answer = call.answer(request.offer(), ANSWER_TIMEOUT);
        } catch (ExecutionException e) {
            call.close();
            // The W3C errors of setRemoteDescription: the offer is what is wrong.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.info(call.id() + " refused the offer: " + cause);
            send(exchange, 400, "text/plain; charset=utf-8", "the offer was refused: " + cause.getMessage() + "\n");
            return;
        } catch (TimeoutException e) {
            call.close();
            log.info(call.id() + " could not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
            send(exchange, 500, "text/plain; charset=utf-8", "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s\n");
            return;
        } catch (InterruptedException e) {
            call.close();
            Thread.currentThread().interrupt();
            send(exchange, 503, "text/plain; charset=utf-8", "the server is stopping\n");
            return;
        } catch (RuntimeException e) {
            // addTrack and friends throw the W3C errors synchronously (for example an offer whose
            // sections the peer connection cannot take).
            call.close();
            log.info(call.id() + " could not answer: " + e);
            send(exchange, 400, "text/plain; charset=utf-8", "the offer was refused: " + e.getMessage() + "\n");
            return;
        }
        calls.add(call);
        call.ended().thenRun(() -> {
            calls.remove(call);
            call.close();
        });
        callListeners.forEach(listener -> listener.accept(call));
        send(exchange, 200, "application/json", SignalingMessages.toJson(answer));
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(OfferRequest.MAX_BODY_BYTES + 1);
        if (body.length > OfferRequest.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the request body is longer than " + OfferRequest.MAX_BODY_BYTES + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String resource(String name) throws IOException {
        if (!PAGE_FILES.contains(name)) {
            throw new IllegalArgumentException(name);
        }
        try (InputStream in = Server.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name + " next to " + Server.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
