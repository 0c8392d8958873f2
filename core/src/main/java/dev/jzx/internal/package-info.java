/**
 * Internal: the runtime behind {@link dev.jzx.Loop} (backend selection, the watch registry,
 * dispatch, the command queue, wake-ups, JFR events). Not part of the API: not exported on the
 * module path, and free to change in any release. Use {@link dev.jzx} and {@link dev.jzx.spi}.
 */
package dev.jzx.internal;
