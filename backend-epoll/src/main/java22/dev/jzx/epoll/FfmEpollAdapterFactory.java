package dev.jzx.epoll;

/**
 * Opens {@link FfmEpollAdapter}s. Loaded by name ({@code KernelAdapter.loadFfm}) from code
 * compiled for JDK 17, which cannot name a class compiled for JDK 22.
 */
final class FfmEpollAdapterFactory implements EpollAdapterFactory {
    /** Called reflectively, once per provider. */
    FfmEpollAdapterFactory() {
    }

    @Override
    public EpollAdapter open() {
        return FfmEpollAdapter.open();
    }
}
