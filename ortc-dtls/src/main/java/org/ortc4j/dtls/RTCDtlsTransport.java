package org.ortc4j.dtls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.ortc4j.dtls.internal.DtlsHandshakeExecutor;
import org.ortc4j.dtls.internal.DtlsHandshakeOutcome;
import org.ortc4j.dtls.internal.EarlyChangeCipherSpecFilter;
import org.ortc4j.dtls.internal.DtlsPeerSettings;
import org.ortc4j.dtls.internal.DtlsRecordFraming;
import org.ortc4j.dtls.internal.DtlsStateListeners;
import org.ortc4j.dtls.internal.PacketDemultiplexer;
import org.ortc4j.dtls.internal.QueuedDatagramTransport;
import org.ortc4j.dtls.internal.WebRtcDtlsClient;
import org.ortc4j.dtls.internal.WebRtcDtlsServer;
import org.ortc4j.ice.InvalidAccessException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.RTCIceTransportState;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.srtp.DtlsSrtpKeys;
import org.ortc4j.srtp.SrtpProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DTLS 1.2 over an {@link RTCIceTransport} (ORTC §5 {@code RTCDtlsTransport}; W3C WebRTC §5.5),
 * with DTLS-SRTP keys (RFC 5764) and RFC 7983 demultiplexing of the ICE transport's datagrams.
 *
 * <pre>{@code
 * RTCDtlsTransport dtls = new RTCDtlsTransport(ice, List.of(RTCCertificate.generate()));
 * signaling.send(dtls.getLocalParameters());
 * dtls.setDataHandler(data -> sctp.receive(data));          // on the ICE transport's loop
 * dtls.start(remoteDtlsParameters).thenRun(() -> log.info("DTLS connected, SRTP {}", dtls.srtpKeys()));
 * }</pre>
 *
 * <p>The transport takes over the ICE transport's data handler: datagrams whose first byte is
 * 20–63 are DTLS records, 128–191 are SRTP/SRTCP for {@link #setSrtpHandler}, anything else is
 * dropped and counted (RFC 7983 §7). DTLS records that arrive before {@link #start} (a peer
 * faster than our signaling) are kept, up to a bound, and used.
 *
 * <p>Roles (ORTC {@code RTCDtlsRole}; RFC 8842's setup roles): a remote {@code client} makes
 * us the server and a remote {@code server} the client; with {@code auto} the ICE controlling
 * side is the client. The handshake begins once {@code start} was called and the ICE transport
 * is connected, so the role reflects any ICE role conflict resolved by then.
 *
 * <p>Threads: every method may be called from any thread. State lives on the ICE transport's
 * loop, where listeners and handlers run (they must not block). Bouncy Castle's blocking
 * handshake runs on a shared pool of handshake threads fed by a queue; after it, records are
 * decrypted and encrypted on the loop without waiting. The handshake's timers are Bouncy
 * Castle's and run in real time, so a handshake needs a loop that runs in real time:
 * {@code NettyNetwork}, or the virtual network under a {@code RealTimeDriver}.
 */
public final class RTCDtlsTransport {

    private static final Logger LOG = LoggerFactory.getLogger(RTCDtlsTransport.class);

    /** The largest application datagram one record carries (RFC 6347 §4.1: 2^14 bytes). */
    public static final int MAX_APPLICATION_DATA = 1 << 14;

    private enum Phase { WAITING, HANDSHAKING, CONNECTED, DONE }

    private final RTCIceTransport iceTransport;
    private final List<RTCCertificate> certificates;
    private final RTCDtlsTransportOptions options;
    private final Scheduler loop;
    private final QueuedDatagramTransport datagrams;
    private final DtlsHandshakeOutcome outcome = new DtlsHandshakeOutcome();
    private final EarlyChangeCipherSpecFilter earlyChangeCipherSpec = new EarlyChangeCipherSpecFilter();
    private final DtlsStateListeners<RTCDtlsTransportState> stateListeners = new DtlsStateListeners<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final AtomicReference<RTCDtlsParameters> remoteParameters = new AtomicReference<>();
    private final AutoCloseable iceSubscription;

    private volatile RTCDtlsTransportState state = RTCDtlsTransportState.NEW;
    private volatile RTCDtlsRole role;
    private volatile Consumer<ByteBuffer> dataHandler;
    private volatile Consumer<ByteBuf> srtpHandler;
    private volatile long dropped;
    private volatile SrtpProfile srtpProfile;
    private volatile DtlsSrtpKeys srtpKeys;

    // Loop-confined.
    private Phase phase = Phase.WAITING;
    private DTLSTransport dtls;
    private byte[] receiveBuffer;
    private boolean closeNotifyReceived;

    /**
     * A transport over {@code transport} with {@link RTCDtlsTransportOptions#defaults()}.
     *
     * @throws InvalidAccessException if a certificate has expired (as the W3C RTCPeerConnection
     *     constructor and the ORTC RTCDtlsTransport constructor require: expired certificates
     *     cannot be used)
     * @throws IllegalArgumentException if {@code certificates} is empty
     */
    public RTCDtlsTransport(RTCIceTransport transport, List<RTCCertificate> certificates) {
        this(transport, certificates, RTCDtlsTransportOptions.defaults());
    }

    /**
     * A transport over {@code transport} that authenticates with the first of
     * {@code certificates}; {@link #getLocalParameters()} lists the fingerprints of all.
     *
     * @throws InvalidAccessException if a certificate has expired
     * @throws IllegalArgumentException if {@code certificates} is empty
     * @throws InvalidStateException if the ICE transport is closed
     */
    public RTCDtlsTransport(RTCIceTransport transport, List<RTCCertificate> certificates,
            RTCDtlsTransportOptions options) {
        this.iceTransport = Objects.requireNonNull(transport, "transport");
        this.certificates = List.copyOf(certificates);
        this.options = Objects.requireNonNull(options, "options");
        if (this.certificates.isEmpty()) {
            throw new IllegalArgumentException("an RTCDtlsTransport needs at least one certificate");
        }
        for (RTCCertificate certificate : this.certificates) {
            if (certificate.isExpired()) {
                throw new InvalidAccessException("the certificate " + certificate + " has expired");
            }
        }
        if (transport.state() == RTCIceTransportState.CLOSED) {
            throw new InvalidStateException("the RTCIceTransport is closed");
        }
        this.loop = transport.scheduler();
        this.datagrams = new QueuedDatagramTransport(this::sendDatagram, options.mtu());
        outcome.onAlertReceived(this::onAlertReceived);
        transport.setDataHandler(this::receive);
        this.iceSubscription = transport.onStateChange(this::onIceStateChange);
    }

    /** The ICE transport this transport runs over. */
    public RTCIceTransport iceTransport() {
        return iceTransport;
    }

    /**
     * Our DTLS parameters to signal (ORTC §5.3 {@code getLocalParameters}): role {@code auto} and
     * the fingerprints of every certificate.
     */
    public RTCDtlsParameters getLocalParameters() {
        List<RTCDtlsFingerprint> fingerprints = new ArrayList<>();
        for (RTCCertificate certificate : certificates) {
            fingerprints.addAll(certificate.getFingerprints());
        }
        return new RTCDtlsParameters(RTCDtlsRole.AUTO, fingerprints);
    }

    /** The remote parameters given to {@link #start}, if any. */
    public Optional<RTCDtlsParameters> getRemoteParameters() {
        return Optional.ofNullable(remoteParameters.get());
    }

    /**
     * Starts DTLS with the peer's parameters (ORTC §5.3 {@code start}). The handshake begins when
     * the ICE transport is connected (at once if it is).
     *
     * @return completes when the transport is {@code connected}; fails with
     *     {@link InvalidStateException} if it fails or closes first
     * @throws InvalidStateException if {@code start} was called before or the transport is closed
     */
    public CompletableFuture<Void> start(RTCDtlsParameters remote) {
        Objects.requireNonNull(remote, "remote");
        RTCDtlsTransportState now = state;
        if (now == RTCDtlsTransportState.CLOSED || now == RTCDtlsTransportState.FAILED) {
            throw new InvalidStateException("the RTCDtlsTransport is " + now);
        }
        if (!remoteParameters.compareAndSet(null, remote)) {
            throw new InvalidStateException("start was already called on this RTCDtlsTransport");
        }
        onLoop(() -> {
            if (phase != Phase.WAITING) {
                return;
            }
            setState(RTCDtlsTransportState.CONNECTING);
            // The ICE transport may have ended between the constructor and now.
            onIceStateChange(iceTransport.state());
        });
        return connected.copy();
    }

    /** The current state (W3C WebRTC §5.5 {@code state}). */
    public RTCDtlsTransportState state() {
        return state;
    }

    /** Calls {@code listener} on the loop with each new state ({@code statechange}). */
    public AutoCloseable onStateChange(Consumer<RTCDtlsTransportState> listener) {
        return stateListeners.add(listener);
    }

    /**
     * The certificates this transport was given (ORTC §4.3 {@code getCertificates}); the first
     * authenticates the handshake.
     */
    public List<RTCCertificate> getCertificates() {
        return certificates;
    }

    /**
     * The peer's certificate chain as received, DER-encoded, leaf first (W3C WebRTC §5.5
     * {@code getRemoteCertificates}); empty before the peer sent it.
     */
    public List<byte[]> getRemoteCertificates() {
        return outcome.remoteCertificates().stream().map(byte[]::clone).toList();
    }

    /** Our DTLS role once decided (the handshake has begun). */
    public Optional<RTCDtlsRole> role() {
        return Optional.ofNullable(role);
    }

    /** The negotiated DTLS-SRTP protection profile, once connected and if one was agreed. */
    public Optional<SrtpProfile> srtpProfile() {
        return Optional.ofNullable(srtpProfile);
    }

    /**
     * The SRTP master keys exported at the end of the handshake (RFC 5764 §4.2), once connected
     * and if a profile was agreed. {@code keys.outbound(role == CLIENT)} protects what we send.
     */
    public Optional<DtlsSrtpKeys> srtpKeys() {
        return Optional.ofNullable(srtpKeys);
    }

    /**
     * Sends one datagram of application data in one DTLS record (for SCTP, RFC 8261). The bytes
     * are copied; {@code data}'s position is not moved.
     *
     * @throws InvalidStateException unless the transport is {@code connected}
     * @throws IllegalArgumentException if {@code data} holds more than {@link #MAX_APPLICATION_DATA} bytes
     */
    public void send(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        if (state != RTCDtlsTransportState.CONNECTED) {
            throw new InvalidStateException("the RTCDtlsTransport is " + state + ", not connected");
        }
        if (data.remaining() > MAX_APPLICATION_DATA) {
            throw new IllegalArgumentException("a DTLS record carries at most " + MAX_APPLICATION_DATA
                    + " bytes, not " + data.remaining());
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        onLoop(() -> {
            if (phase != Phase.CONNECTED) {
                return;
            }
            try {
                dtls.send(bytes, 0, bytes.length);
            } catch (IOException e) {
                fail("sending application data failed", e);
            }
        });
    }

    /**
     * Sets the handler of received application data, called on the ICE transport's loop with a
     * buffer the handler owns. Without a handler, application data is dropped.
     */
    public void setDataHandler(Consumer<ByteBuffer> handler) {
        this.dataHandler = handler;
    }

    /**
     * Sets the handler of SRTP and SRTCP datagrams (RFC 7983 §7: first byte 128–191), called on
     * the loop; it owns each buffer and must release it. Without a handler they are dropped and
     * counted in {@link #droppedPackets()}.
     */
    public void setSrtpHandler(Consumer<ByteBuf> handler) {
        this.srtpHandler = handler;
    }

    /**
     * Stops the transport (ORTC §5.3 {@code stop}): sends close_notify if connected (RFC 5246
     * §7.2.1), abandons a handshake in progress, state {@code closed}. Idempotent.
     */
    public void stop() {
        onLoop(() -> {
            if (phase == Phase.DONE) {
                return;
            }
            if (phase == Phase.CONNECTED) {
                try {
                    dtls.close();
                } catch (IOException e) {
                    LOG.debug("close_notify was not sent", e);
                }
            }
            finish(RTCDtlsTransportState.CLOSED, new InvalidStateException("the RTCDtlsTransport was stopped"));
        });
    }

    /**
     * Datagrams dropped: malformed DTLS (junk in 20–63, truncated records), kinds nobody handles
     * (RFC 7983 "other", ZRTP, TURN channel, SRTP without a handler), DTLS datagrams longer
     * than the receive limit (the MTU or 2048 bytes, whichever is larger), DTLS records beyond
     * the queue's bound, and DTLS after the transport ended.
     */
    public long droppedPackets() {
        return dropped;
    }

    // ---- loop ----

    /**
     * Takes one datagram from the ICE transport (its data handler), on the loop: the RFC 7983
     * demultiplexer and the DTLS record entry point. Owns {@code packet}. Never throws: whatever
     * the bytes, they are used, handed on or dropped and counted. Package-private for tests and
     * fuzzing, which call it on the loop.
     */
    void receive(ByteBuf packet) {
        if (packet == null) {
            dropped++;
            return;
        }
        boolean owned = true;
        try {
            switch (PacketDemultiplexer.classify(packet)) {
                case DTLS -> {
                    if (!DtlsRecordFraming.isWellFormed(packet, outcome.minProtectedFragment())) {
                        dropped++;
                        return;
                    }
                    byte[] datagram = ByteBufUtil.getBytes(packet);
                    packet.release();
                    owned = false;
                    onDtlsDatagram(datagram);
                }
                case RTP_RTCP -> {
                    Consumer<ByteBuf> handler = srtpHandler;
                    if (handler == null || phase == Phase.DONE) {
                        dropped++;
                        return;
                    }
                    owned = false;
                    handler.accept(packet);
                }
                default -> dropped++;
            }
        } catch (RuntimeException e) {
            // A handler's bug or a malformed record must not stop the ICE transport.
            dropped++;
            LOG.warn("datagram dropped", e);
        } finally {
            if (owned) {
                packet.release();
            }
        }
    }

    /**
     * The shortest fragment a record of a protected epoch may have for the negotiated cipher
     * (nonce and tag); shorter ones are dropped and counted before Bouncy Castle. For tests.
     */
    int minProtectedFragment() {
        return outcome.minProtectedFragment();
    }

    private void onDtlsDatagram(byte[] datagram) {
        if (phase == Phase.HANDSHAKING && role == RTCDtlsRole.SERVER
                && earlyChangeCipherSpec.holdsEarlyChangeCipherSpec(datagram)) {
            return; // not counted: the client resends it in order (see EarlyChangeCipherSpecFilter)
        }
        if (phase == Phase.DONE || !datagrams.offer(datagram)) {
            dropped++;
            return;
        }
        if (phase == Phase.CONNECTED) {
            receiveQueued();
        }
    }

    /**
     * Decrypts what the loop has queued, on the loop: first the records Bouncy Castle still holds
     * from a datagram that carried several ({@code receivePending}), then the next queued datagram.
     * {@code DTLSTransport.receive} is called only while a datagram waits, because when the queue
     * is empty it can only end by an exception (see {@link QueuedDatagramTransport}), and an
     * exception unwinding through Bouncy Castle per datagram cost half the loop's time on a busy
     * data channel. It still ends that way when a datagram holds no application data.
     */
    private void receiveQueued() {
        while (phase == Phase.CONNECTED) {
            int n;
            try {
                n = dtls.receivePending(receiveBuffer, 0, receiveBuffer.length);
                if (n < 0) {
                    if (datagrams.isEmpty()) {
                        return;
                    }
                    n = dtls.receive(receiveBuffer, 0, receiveBuffer.length, 1);
                }
            } catch (InterruptedIOException drained) {
                n = -1;
            } catch (IOException e) {
                fail("DTLS failed: " + e.getMessage(), e);
                return;
            }
            if (closeNotifyReceived) {
                // RFC 5246 §7.2.1: "The other party MUST respond with a close_notify alert of its
                // own and close down the connection immediately" (Bouncy Castle has answered).
                finish(RTCDtlsTransportState.CLOSED, new InvalidStateException("the peer closed the DTLS transport"));
                return;
            }
            if (n >= 0) {
                deliver(java.util.Arrays.copyOf(receiveBuffer, n));
            } else if (datagrams.isEmpty()) {
                return;
            }
        }
    }

    private void deliver(byte[] data) {
        Consumer<ByteBuffer> handler = dataHandler;
        if (handler == null) {
            return;
        }
        try {
            handler.accept(ByteBuffer.wrap(data));
        } catch (RuntimeException e) {
            LOG.warn("data handler threw", e);
        }
    }

    private void onAlertReceived(short description) {
        if (description == AlertDescription.close_notify && loop.inLoop() && phase == Phase.CONNECTED) {
            closeNotifyReceived = true;
        }
    }

    private void onIceStateChange(RTCIceTransportState ice) {
        switch (ice) {
            case CONNECTED, COMPLETED -> maybeBeginHandshake();
            case FAILED -> fail("the ICE transport failed", null);
            case CLOSED -> finish(RTCDtlsTransportState.CLOSED, new InvalidStateException("the ICE transport closed"));
            default -> { }
        }
    }

    private void maybeBeginHandshake() {
        RTCDtlsParameters remote = remoteParameters.get();
        RTCIceTransportState ice = iceTransport.state();
        if (phase != Phase.WAITING || remote == null || state != RTCDtlsTransportState.CONNECTING
                || (ice != RTCIceTransportState.CONNECTED && ice != RTCIceTransportState.COMPLETED)) {
            return;
        }
        boolean client = switch (remote.role()) {
            case CLIENT -> false;
            case SERVER -> true;
            // ORTC RTCDtlsRole "auto": the ICE controlling side is the DTLS client.
            case AUTO -> iceTransport.role() == RTCIceRole.CONTROLLING;
        };
        role = client ? RTCDtlsRole.CLIENT : RTCDtlsRole.SERVER;
        phase = Phase.HANDSHAKING;
        DtlsPeerSettings settings = new DtlsPeerSettings(certificates.get(0), remote.fingerprints(),
                options.srtpProfiles(), (int) options.handshakeTimeout().toMillis(),
                (int) options.initialRetransmitTimeout().toMillis());
        DtlsHandshakeExecutor.shared().execute(() -> handshake(client, settings));
    }

    /** On a handshake thread: Bouncy Castle's blocking handshake over the queue. */
    private void handshake(boolean client, DtlsPeerSettings settings) {
        datagrams.handshakeThread(Thread.currentThread());
        try {
            DTLSTransport result = client
                    ? new DTLSClientProtocol().connect(new WebRtcDtlsClient(settings, outcome), datagrams)
                    : new DTLSServerProtocol().accept(new WebRtcDtlsServer(settings, outcome), datagrams);
            datagrams.handshakeThread(null);
            loop.execute(() -> handshakeDone(result));
        } catch (IOException | RuntimeException e) {
            datagrams.handshakeThread(null);
            loop.execute(() -> fail("the DTLS handshake failed: " + e.getMessage(), e));
        }
    }

    private void handshakeDone(DTLSTransport result) {
        if (phase != Phase.HANDSHAKING) {
            return;
        }
        dtls = result;
        try {
            receiveBuffer = new byte[result.getReceiveLimit()];
        } catch (IOException e) {
            fail("the DTLS transport has no receive limit", e);
            return;
        }
        phase = Phase.CONNECTED;
        srtpProfile = outcome.srtpProfile().orElse(null);
        srtpKeys = outcome.srtpKeys().orElse(null);
        setState(RTCDtlsTransportState.CONNECTED);
        connected.complete(null);
        // Records that arrived while the handshake finished (application data right after the
        // peer's Finished) wait in the queue.
        receiveQueued();
    }

    private void fail(String reason, Throwable cause) {
        if (phase == Phase.DONE) {
            return;
        }
        LOG.debug("DTLS transport failed: {}", reason, cause);
        finish(RTCDtlsTransportState.FAILED, new InvalidStateException(reason, cause));
    }

    private void finish(RTCDtlsTransportState end, RuntimeException why) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        datagrams.abort();
        try {
            iceSubscription.close();
        } catch (Exception e) {
            LOG.debug("ICE listener not removed", e);
        }
        setState(end);
        connected.completeExceptionally(why);
    }

    private void setState(RTCDtlsTransportState next) {
        if (state == next) {
            return;
        }
        state = next;
        stateListeners.fire(next);
    }

    private void sendDatagram(byte[] datagram) {
        iceTransport.send(Unpooled.wrappedBuffer(datagram));
    }

    private void onLoop(Runnable task) {
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
