package dev.jzx.epoll;

import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code dup(2)} without native code of our own: the descriptor is sent to this very process
 * over a Unix socket ({@code SCM_RIGHTS}, through Netty's {@link Socket#sendFd}), and the
 * kernel installs a new number for the same open file description, exactly as {@code dup}
 * does. (Re-opening {@code /proc/self/fd/N} would not do: that makes a new open file
 * description, which epoll treats as another file.)
 */
final class Duplicates {
    private Duplicates() {
    }

    /** @return a new descriptor number for the open file description {@code fd} refers to */
    static int dup(int fd) throws IOException {
        Path dir = Files.createTempDirectory("jzx-dup");
        Path path = dir.resolve("s");
        Socket listener = Socket.newSocketDomain();
        Socket client = Socket.newSocketDomain();
        Socket server = null;
        try {
            DomainSocketAddress address = new DomainSocketAddress(path.toString());
            listener.bind(address);
            listener.listen(1);
            if (!client.connect(address)) {
                throw new IOException("connect to " + path + " did not complete at once");
            }
            int accepted = listener.accept(new byte[256]);
            if (accepted < 0) {
                throw new IOException("no connection to accept on " + path);
            }
            server = new Socket(accepted);
            if (client.sendFd(fd) <= 0) {
                throw new IOException("sendFd(" + fd + ") sent nothing");
            }
            int copy = server.recvFd();
            if (copy <= 0) {
                throw new IOException("recvFd returned " + copy);
            }
            return copy;
        } finally {
            listener.close();
            client.close();
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }
}
