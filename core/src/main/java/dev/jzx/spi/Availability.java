package dev.jzx.spi;

import java.util.Objects;

/** Whether a backend can be opened on this machine and, if not, why. Immutable. */
public final class Availability {
    private static final Availability AVAILABLE = new Availability(true, "available", null);

    private final boolean available;
    private final String reason;
    private final Throwable cause;

    private Availability(boolean available, String reason, Throwable cause) {
        this.available = available;
        this.reason = reason;
        this.cause = cause;
    }

    /** {@return the answer for a backend that can be opened} */
    public static Availability available() {
        return AVAILABLE;
    }

    /**
     * The answer for a backend that cannot be opened here.
     *
     * @param reason what is missing, in a phrase a user can act on (e.g.
     *               "io_uring_setup refused: kernel.io_uring_disabled=2")
     * @param cause  the underlying failure, or {@code null}
     * @return the answer for a backend that cannot be opened
     */
    public static Availability unavailable(String reason, Throwable cause) {
        return new Availability(false, Objects.requireNonNull(reason, "reason"), cause);
    }

    /**
     * Names the innermost cause of a failure: a native library's loader often wraps the one that
     * says why (ExceptionInInitializerError, UnsatisfiedLinkError "failed to load the required
     * native library") in wrappers without a message of their own.
     *
     * @param cause a failure, or {@code null}
     * @return {@code ": Type: message"} of the innermost cause, or {@code ""} for {@code null}
     */
    public static String innermost(Throwable cause) {
        if (cause == null) {
            return "";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return ": " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** {@return true when the backend can be opened} */
    public boolean isAvailable() {
        return available;
    }

    /** {@return "available", or why not} */
    public String reason() {
        return reason;
    }

    /** {@return the underlying failure, or {@code null}} */
    public Throwable cause() {
        return cause;
    }

    /** {@return the reason followed by the cause's message when it adds something} */
    public String describe() {
        if (cause == null) {
            return reason;
        }
        String detail = cause.getMessage() == null ? cause.getClass().getName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return reason.contains(detail) ? reason : reason + " (" + detail + ")";
    }

    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + describe();
    }
}
