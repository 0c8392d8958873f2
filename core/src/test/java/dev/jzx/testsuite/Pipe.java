package dev.jzx.testsuite;

/** The two ends of a non-blocking pipe. */
public record Pipe(int readFd, int writeFd) {
}
