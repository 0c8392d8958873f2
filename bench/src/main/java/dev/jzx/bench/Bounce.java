package dev.jzx.bench;

import dev.jzx.ReadyHandler;

/** The ping-pong handler: take the byte from one pipe, put it into the other. */
final class Bounce implements ReadyHandler {
    private final int from;
    private final int to;

    Bounce(int from, int to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public boolean onReady(int fd, int readiness) {
        if (NativePipe.readByte(from) == 1) {
            NativePipe.writeByte(to);
        }
        return true;
    }
}
