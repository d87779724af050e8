package org.ortc4j.rtp.interceptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Interceptors in order, acting as one (pion's {@code interceptor.Chain}). Outgoing RTP and RTCP
 * pass through the interceptors first to last; incoming, also first to last: the first
 * interceptor sees a received packet first.
 */
public final class RtpInterceptorChain implements RtpInterceptor {

    private final List<RtpInterceptor> interceptors;

    /** A chain of these interceptors, in order. */
    public RtpInterceptorChain(List<? extends RtpInterceptor> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    /** One new interceptor from each factory, for one transport, in the factories' order. */
    public static RtpInterceptorChain create(List<? extends RtpInterceptorFactory> factories, RtpInterceptorContext context) {
        List<RtpInterceptor> created = new ArrayList<>(factories.size());
        for (RtpInterceptorFactory factory : factories) {
            created.add(factory.create(context));
        }
        return new RtpInterceptorChain(created);
    }

    /** The interceptors, in order. */
    public List<RtpInterceptor> interceptors() {
        return interceptors;
    }

    // Binding wraps from the last interceptor to the first, so that the first one's wrapper is
    // outermost: it sees each packet first.

    @Override
    public RtcpInput bindRtcpInput(RtcpInput next) {
        RtcpInput input = next;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            input = interceptors.get(i).bindRtcpInput(input);
        }
        return input;
    }

    @Override
    public RtcpOutput bindRtcpOutput(RtcpOutput next) {
        RtcpOutput output = next;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            output = interceptors.get(i).bindRtcpOutput(output);
        }
        return output;
    }

    @Override
    public RtpOutput bindLocalStream(RtpStreamInfo stream, RtpOutput next) {
        RtpOutput output = next;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            output = interceptors.get(i).bindLocalStream(stream, output);
        }
        return output;
    }

    @Override
    public void unbindLocalStream(RtpStreamInfo stream) {
        for (RtpInterceptor interceptor : interceptors) {
            interceptor.unbindLocalStream(stream);
        }
    }

    @Override
    public RtpInput bindRemoteStream(RtpStreamInfo stream, RtpInput next) {
        RtpInput input = next;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            input = interceptors.get(i).bindRemoteStream(stream, input);
        }
        return input;
    }

    @Override
    public void unbindRemoteStream(RtpStreamInfo stream) {
        for (RtpInterceptor interceptor : interceptors) {
            interceptor.unbindRemoteStream(stream);
        }
    }

    /** Closes every interceptor, last first; one failing does not keep the others open. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            try {
                interceptors.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
