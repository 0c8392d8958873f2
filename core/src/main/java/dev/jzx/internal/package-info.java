/**
 * Internal: building blocks of the runtime that know nothing of the API or the SPI (who owns a
 * loop, the cross-thread command queue, the hand-off waits, wake-up coalescing, the descriptor
 * limit, JFR events). Not part of the API: not exported on the module path, and free to change
 * in any release. The runtime itself is package-private in {@link dev.jzx}.
 */
package dev.jzx.internal;
