package dev.jzx.testsuite;

/** The connected stream sockets a conformance test can ask {@link Fds} for. */
public enum SocketKind {
    /** TCP over 127.0.0.1: a listener, a connect and an accept. */
    TCP_LOOPBACK,
    /** AF_UNIX stream sockets, as {@code socketpair(2)} makes them. */
    UNIX
}
