package org.ortc4j.rtp.interceptor;

/**
 * Makes one interceptor per transport (pion's {@code interceptor.Factory}): configuration lives in
 * the factory, state in what it creates.
 */
@FunctionalInterface
public interface RtpInterceptorFactory {

    /** A new interceptor for one transport's RTP session. */
    RtpInterceptor create(RtpInterceptorContext context);
}
