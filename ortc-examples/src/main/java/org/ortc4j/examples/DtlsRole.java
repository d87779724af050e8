package org.ortc4j.examples;

/** Which end of a DTLS association an endpoint is: the one that sends ClientHello, or the other. */
public enum DtlsRole {
    /** Sends the ClientHello: the endpoint whose {@code a=setup} is {@code active}. */
    CLIENT,
    /** Answers the ClientHello: the endpoint whose {@code a=setup} is {@code passive}. */
    SERVER;

    /** The role of the other end. */
    public DtlsRole opposite() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    @Override
    public String toString() {
        return this == CLIENT ? "client" : "server";
    }
}
