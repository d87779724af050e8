package org.ortc4j.ice;

/**
 * A W3C {@code DOMException} (WebIDL §3.14.1 "DOMException", its "error names" table) as an
 * unchecked Java exception.
 *
 * <p>The W3C WebRTC API reports most failures as a {@code DOMException} with a name such as
 * {@code "InvalidAccessError"}. ortc4j gives each name its own subclass, so Java code can catch
 * the one it expects, and {@link #name()} still gives the W3C name for logs and for code that
 * mirrors JavaScript. The family lives in ortc-ice because it is the lowest module that throws
 * one; every higher module uses the same classes. It is unchecked because the W3C API also
 * uses these errors to reject promises, which in Java means completing a
 * {@code CompletableFuture} exceptionally.
 */
public abstract class DomException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for a person to read
     */
    protected DomException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person to read
     * @param cause the failure that led to this one
     */
    protected DomException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The W3C error name (WebIDL §3.14.1), such as {@code "SyntaxError"}: what JavaScript's
     * {@code exception.name} would give.
     */
    public abstract String name();
}
