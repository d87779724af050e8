package org.ortc4j.rtp.interceptor;

/**
 * A feature that acts on the RTP and RTCP of one transport: NACK, RTX, reports, transport-wide
 * congestion feedback, statistics (in the spirit of pion's {@code interceptor.Interceptor}).
 *
 * <p>The RTP session of a transport binds each sending stream's output and each received stream's
 * input through its chain of interceptors, in order; an interceptor returns what the next step
 * should call, which may be the step it was given (it only watches) or a wrapper (it acts on the
 * packets). An interceptor that sends RTCP of its own keeps the {@link RtcpOutput} it is bound to.
 *
 * <p>Every method runs on the transport's loop, the interceptor's one thread; it must not block.
 * Timers come from {@link RtpInterceptorContext#scheduler()}, so tests drive virtual time.
 */
public interface RtpInterceptor extends AutoCloseable {

    /**
     * Binds received RTCP: returns what the transport calls with each compound packet, which
     * passes it on to {@code next}.
     */
    default RtcpInput bindRtcpInput(RtcpInput next) {
        return next;
    }

    /**
     * Binds outgoing RTCP: returns what RTCP of earlier interceptors and of senders and receivers
     * goes through; this interceptor sends its own RTCP to {@code next}.
     */
    default RtcpOutput bindRtcpOutput(RtcpOutput next) {
        return next;
    }

    /** Binds a stream we send: returns what its packets go through on their way to {@code next}. */
    default RtpOutput bindLocalStream(RtpStreamInfo stream, RtpOutput next) {
        return next;
    }

    /** Forgets a stream we sent: no more packets come for it; timers for it stop. */
    default void unbindLocalStream(RtpStreamInfo stream) {
    }

    /** Binds a stream we receive: returns what its packets go through on their way to {@code next}. */
    default RtpInput bindRemoteStream(RtpStreamInfo stream, RtpInput next) {
        return next;
    }

    /** Forgets a stream we received. */
    default void unbindRemoteStream(RtpStreamInfo stream) {
    }

    /** Stops every timer and forgets every stream; called once when the transport closes. */
    @Override
    default void close() {
    }
}
