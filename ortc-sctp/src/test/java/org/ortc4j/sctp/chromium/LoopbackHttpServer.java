package org.ortc4j.sctp.chromium;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP/1.1 server on 127.0.0.1 for a test's browser page: one request per connection
 * ({@code Connection: close}), handlers by exact path. It exists because the JDK's
 * {@code com.sun.net.httpserver} lives in module {@code jdk.httpserver}, which this module does
 * not read, and a test must not add dependencies.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** What a handler answers. */
    public record Response(int status, String contentType, byte[] body) {
        public static Response json(String json) {
            return new Response(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        public static Response html(String html) {
            return new Response(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        }

        public static Response javascript(String script) {
            return new Response(200, "text/javascript; charset=utf-8", script.getBytes(StandardCharsets.UTF_8));
        }

        public static Response noContent() {
            return new Response(204, null, new byte[0]);
        }
    }

    /** Answers one request; may block (each connection has its own thread). */
    public interface Handler {
        /**
         * @param method the request method
         * @param query the text after {@code ?} in the target, or the empty string
         * @param body the request body as UTF-8
         */
        Response handle(String method, String query, String body) throws Exception;
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final ServerSocket server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-http");
        t.setDaemon(true);
        return t;
    });

    public LoopbackHttpServer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        threads.execute(this::acceptLoop);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String origin() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public void handle(String path, Handler handler) {
        handlers.put(path, handler);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length < 2) {
                return;
            }
            int length = 0;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                    length = Integer.parseInt(lines[i].substring(colon + 1).trim());
                }
            }
            if (length < 0 || length > MAX_BODY_BYTES) {
                return;
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            String path = requestLine[1];
            String query = "";
            int mark = path.indexOf('?');
            if (mark >= 0) {
                query = path.substring(mark + 1);
                path = path.substring(0, mark);
            }
            Handler handler = handlers.get(path);
            Response response;
            if (handler == null) {
                response = new Response(404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            } else {
                try {
                    response = handler.handle(requestLine[0], query, body);
                } catch (Exception e) {
                    response = new Response(500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
                }
            }
            write(socket.getOutputStream(), response);
        } catch (IOException | RuntimeException e) {
            // The browser went away or sent garbage: nothing to answer.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEADER_BYTES) {
                throw new IOException("no complete request head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, Response response) throws IOException {
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ").append(response.status()).append(response.status() < 300 ? " OK" : " Error").append("\r\n")
                .append("Connection: close\r\n")
                .append("Cache-Control: no-store\r\n")
                .append("Content-Length: ").append(response.body().length).append("\r\n");
        if (response.contentType() != null) {
            head.append("Content-Type: ").append(response.contentType()).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
