package dev.jzx;

/** A watch or unwatch made by a thread that could not apply it at once (a run was in progress elsewhere). */
record Command(int fd, int interest, ReadyHandler handler) {
    static Command unwatch(int fd) {
        return new Command(fd, 0, null);
    }

    boolean isUnwatch() {
        return handler == null;
    }
}
