package dev.jzx;

/**
 * No backend could be opened: the one asked for is unknown or unavailable, or none is
 * available at all. The message names the backend, the cause and the backends that are
 * available; {@link #getCause()} is the underlying failure when there is one.
 */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was asked for, why it failed and what is available
     * @param cause   the underlying failure, or {@code null}
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
