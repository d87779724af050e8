package org.ortc4j.sctp.chromium;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A headless Chromium running {@code chromium_peer.html}: a page whose script holds one
 * {@code RTCPeerConnection} and obeys JSON commands from the test, reporting what happens as JSON
 * events. The test serves the page itself on 127.0.0.1 ({@link LoopbackHttpServer}); the page
 * long-polls {@code GET /commands} and posts batches of events, in order, to {@code POST /events}.
 * That part, shared by every test page, is {@code harness.js}, served as {@code /harness.js}: a
 * page loads it, defines its command handlers and calls {@code harness.run(handlers)}.
 *
 * <p>Commands ({@code cmd}) the page knows — see the script for the fields: {@code create},
 * {@code channel}, {@code offer}, {@code remote}, {@code echo}, {@code sendText},
 * {@code sendBinary}, {@code sendPattern}, {@code sendMany}, {@code close}, {@code closePc}, {@code sctp}, {@code stats},
 * {@code reload} (use {@link #reload()}).
 * Events ({@code ev}): {@code ready}, {@code offer}, {@code answer}, {@code remoteSet},
 * {@code datachannel}, {@code open}, {@code message}, {@code closing}, {@code close},
 * {@code error}, {@code stats}, {@code sctp}, {@code digest}, {@code connectionState}, {@code done}.
 *
 * <p>Flags: headless, no sandbox (we run as root), a fresh profile, loopback candidates allowed
 * ({@code --allow-loopback-in-peer-connection}; {@code --use-fake-ui-for-media-stream} grants
 * the media permission without which Chromium hides all but the default-route address), and
 * mDNS host-candidate obfuscation off so candidates carry IP addresses; or, with
 * {@link #launchWithMdnsCandidates()}, neither of the last two, as an ordinary page sees it.
 *
 * <p>{@link #close()} kills the browser's whole process tree and deletes the profile.
 */
public final class ChromiumPeer implements AutoCloseable {

    /** Where Debian's package {@code chromium} puts the browser. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /**
     * How long a launch or a page reload may take before the test fails. Chromium usually starts
     * in a few seconds, but a cold start on a loaded 2-core machine once took over 20 s (load
     * average 25, two Maven runs at once); the bound only decides how long a browser that never
     * comes up is waited for.
     */
    private static final Duration STARTUP = Duration.ofSeconds(60);

    /**
     * {@code -Dortc4j.chromium.flags="--vmodule=*sctp*=3 ..."} adds flags (space-separated),
     * for example for more logging; {@code -Dortc4j.chromium.log=<file>} keeps Chromium's output
     * (WebRTC's warnings and errors, such as dcsctp's) there when the browser is closed.
     */
    static final String FLAGS_PROPERTY = "ortc4j.chromium.flags";
    static final String LOG_PROPERTY = "ortc4j.chromium.log";

    private final LoopbackHttpServer server;
    private final Path profile;
    private final Path log;
    private final Process process;
    /** Kills the browser if the JVM exits without {@link #close()} (a test run interrupted). */
    private final Thread killOnExit;
    private final List<Map<String, Object>> pendingCommands = new ArrayList<>();
    /** Every event in arrival order; {@link #await} marks the ones it returns as consumed. */
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final List<Boolean> consumed = new ArrayList<>();
    /** The id of the page load that commands go to and events come from. */
    private String currentPage;

    /** Skips (or fails, see {@link ExternalTool}) when Chromium is not installed. */
    public static void requireInstalled() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw ExternalTool.unavailable("chromium", CHROMIUM + " is not installed");
        }
    }

    /** Starts Chromium on the page, host candidates as IP addresses, and waits until its script runs. */
    static ChromiumPeer launch() throws IOException {
        return new ChromiumPeer(ChromiumPeer.class, "chromium_peer.html", null, false, List.of());
    }

    /**
     * Starts Chromium on another test's page, served as {@code chromium_peer.html} is: the
     * resource {@code page} next to {@code anchor}, whose script loads {@code /harness.js} (the
     * long poll of {@code /commands}, events to {@code /events}, {@code {"ev":"ready"}} first) and
     * calls {@code harness.run(handlers)}. Host candidates are IP addresses, loopback included.
     *
     * @param extraFlags more Chromium flags, for example {@code --use-fake-device-for-media-stream}
     *     (a fake camera and microphone) or {@code --autoplay-policy=no-user-gesture-required}
     */
    public static ChromiumPeer launch(Class<?> anchor, String page, List<String> extraFlags) throws IOException {
        return new ChromiumPeer(anchor, page, null, false, extraFlags);
    }

    /**
     * Starts Chromium on a page someone else serves (for example an example program's own
     * server), with the same flags as {@link #launch(Class, String, List)}. That page does not
     * talk to this harness: {@link #command} and {@link #await} are of no use, {@link #alive()},
     * {@link #logTail} and {@link #close()} are.
     */
    public static ChromiumPeer open(java.net.URI url, List<String> extraFlags) throws IOException {
        return new ChromiumPeer(ChromiumPeer.class, "chromium_peer.html", url, false, extraFlags);
    }

    /**
     * Starts Chromium as {@link #launch()} does, but as a page without the media permission sees
     * it: host addresses of the default-route interface only, hidden behind mDNS
     * {@code <uuid>.local} names (draft-ietf-mmusic-mdns-ice-candidates), no loopback.
     */
    static ChromiumPeer launchWithMdnsCandidates() throws IOException {
        return new ChromiumPeer(ChromiumPeer.class, "chromium_peer.html", null, true, List.of());
    }

    private ChromiumPeer(Class<?> anchor, String pageResource, java.net.URI target, boolean mdnsCandidates,
            List<String> extraFlags) throws IOException {
        server = new LoopbackHttpServer();
        String page = resource(anchor, pageResource);
        server.handle("/", (method, query, body) -> LoopbackHttpServer.Response.html(page));
        // The long poll, event posting and helpers every test page shares (<script src="/harness.js">).
        String harness = resource(ChromiumPeer.class, "harness.js");
        server.handle("/harness.js", (method, query, body) -> LoopbackHttpServer.Response.javascript(harness));
        server.handle("/commands", (method, query, body) ->
                LoopbackHttpServer.Response.json(nextCommands(query.startsWith("page=") ? query.substring(5) : "")));
        server.handle("/events", (method, query, body) -> {
            onEvents(body);
            return LoopbackHttpServer.Response.noContent();
        });
        profile = Files.createTempDirectory("ortc4j-chromium-");
        log = profile.resolveSibling(profile.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(),
                "--headless=new",
                "--no-sandbox",
                "--user-data-dir=" + profile,
                "--allow-loopback-in-peer-connection",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--enable-logging=stderr",
                "--v=0"));
        if (!mdnsCandidates) {
            // The media permission (granted by the fake UI) is what makes Chromium show host
            // addresses, loopback included; without it they hide behind mDNS names.
            command.add("--use-fake-ui-for-media-stream");
            command.add("--disable-features=WebRtcHideLocalIpsWithMdns");
        }
        command.addAll(extraFlags);
        String extra = System.getProperty(FLAGS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add(target != null ? target.toString() : server.origin() + "/");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            server.close();
            throw e;
        }
        process = started;
        killOnExit = new Thread(() -> {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }, "kill-chromium");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        try {
            if (target == null) {
                await("ready", e -> true, STARTUP);
            }
        } catch (AssertionError | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static String resource(Class<?> anchor, String name) throws IOException {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Whether the browser process still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Queues a command for the page (they run one after another, in order). */
    public void command(String cmd, Object... fields) {
        Map<String, Object> command = Json.object(fields);
        command.put("cmd", cmd);
        synchronized (this) {
            pendingCommands.add(command);
            notifyAll();
        }
    }

    /**
     * Reloads the page (closing its peer connection) and waits for the new load: commands and
     * events start afresh, and the same browser serves the next test (a launch takes seconds).
     */
    public void reload() {
        command("reload");
        synchronized (this) {
            String old = currentPage;
            long deadline = System.nanoTime() + STARTUP.toNanos();
            while (old.equals(currentPage)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("Chromium did not reload the page; log tail:\n" + logTail(30));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /**
     * Long poll from page load {@code page}: the queued commands as a JSON array, or an empty
     * array after 10 s; a load that is not the current one gets nothing.
     */
    private String nextCommands(String page) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (this) {
            while (pendingCommands.isEmpty() || !page.equals(currentPage)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return "[]";
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            String json = Json.write(pendingCommands);
            pendingCommands.clear();
            return json;
        }
    }

    @SuppressWarnings("unchecked")
    private void onEvents(String body) {
        Map<String, Object> message = (Map<String, Object>) Json.parse(body);
        String page = (String) message.get("page");
        List<Object> batch = (List<Object>) message.get("events");
        synchronized (this) {
            if (!page.equals(currentPage)) {
                boolean newLoad = batch.stream().anyMatch(e -> "ready".equals(((Map<String, Object>) e).get("ev")));
                if (!newLoad) {
                    return; // a stale load's last words
                }
                currentPage = page;
                events.clear();
                consumed.clear();
            }
            for (Object event : batch) {
                events.add((Map<String, Object>) event);
                consumed.add(false);
            }
            notifyAll();
        }
    }

    /**
     * The first event named {@code ev} not returned before that {@code filter} accepts, waiting up
     * to {@code timeout}; marks it returned.
     *
     * @throws AssertionError on timeout, listing the events seen
     */
    public Map<String, Object> await(String ev, Predicate<Map<String, Object>> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (int i = 0; i < events.size(); i++) {
                    Map<String, Object> event = events.get(i);
                    if (!consumed.get(i) && ev.equals(event.get("ev")) && filter.test(event)) {
                        consumed.set(i, true);
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("Chromium sent no '" + ev + "' event within " + timeout
                            + (process.isAlive() ? "" : " (Chromium exited: " + process.exitValue() + ")")
                            + "; last events: " + lastEvents(20) + "\nChromium log tail:\n" + logTail(30));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** The first unreturned event named {@code ev} about channel {@code label}. */
    public Map<String, Object> await(String ev, String label, Duration timeout) {
        return await(ev, e -> label.equals(e.get("label")), timeout);
    }

    /** As {@link #await(String, String, Duration)}, failing with {@code expectation} first. */
    public Map<String, Object> await(String ev, String label, Duration timeout, String expectation) {
        try {
            return await(ev, label, timeout);
        } catch (AssertionError e) {
            throw new AssertionError(expectation + "\n" + e.getMessage(), e);
        }
    }

    /** Every event so far named {@code ev} whose {@code label} is {@code label}, returned or not. */
    public synchronized List<Map<String, Object>> seen(String ev, String label) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> event : events) {
            if (ev.equals(event.get("ev")) && label.equals(event.get("label"))) {
                out.add(event);
            }
        }
        return out;
    }

    /** Errors the page reported (failed commands, channel errors). */
    public synchronized List<Map<String, Object>> errors() {
        return events.stream().filter(e -> "error".equals(e.get("ev"))).toList();
    }

    /**
     * Chromium's {@code pc.getStats()} entries of types peer-connection, data-channel, transport,
     * candidate-pair and certificate, as JSON text, for a failing test's log.
     */
    public String stats() {
        try {
            command("stats");
            return Json.write(await("stats", e -> true, Duration.ofSeconds(5)).get("stats"));
        } catch (AssertionError e) {
            return "(no stats: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    private synchronized String lastEvents(int n) {
        List<Map<String, Object>> tail = events.subList(Math.max(0, events.size() - n), events.size());
        return Json.write(tail);
    }

    /** The last {@code lines} lines of Chromium's output, without its D-Bus and font noise. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.contains("dbus") && !line.contains("Fontconfig")).toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills Chromium and every process it started, then deletes its profile. */
    @Override
    public void close() throws IOException {
        try {
            List<ProcessHandle> tree = process.descendants().toList();
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            process.onExit().get(10, TimeUnit.SECONDS);
            for (ProcessHandle child : tree) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IOException("Chromium did not exit", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // The JVM is already exiting; the hook runs anyway.
            }
            server.close();
            deleteTree(profile);
            String keep = System.getProperty(LOG_PROPERTY, "");
            if (!keep.isEmpty()) {
                Files.copy(log, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(log);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Chromium may still be writing in a dying child; a leftover temp dir is harmless.
        }
    }
}
