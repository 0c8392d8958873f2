package dev.jzx.testsuite;

/** The two ends of a connected, non-blocking stream socket: {@code a} and {@code b} talk to each other. */
public record SocketPair(int a, int b) {
}
