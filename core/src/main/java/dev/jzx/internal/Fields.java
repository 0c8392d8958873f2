package dev.jzx.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** {@link VarHandle}s on a class's own fields, for its atomic state words. */
public final class Fields {
    private Fields() {
    }

    /**
     * Finds a handle on one of the caller's own instance fields.
     *
     * @param lookup the caller's {@code MethodHandles.lookup()}: the field's class is its lookup class
     * @param name   the field's name
     * @param type   the field's type
     * @return a handle on that instance field
     * @throws ExceptionInInitializerError when there is no such field (a caller's static initializer
     *                                     would throw it anyway)
     */
    public static VarHandle handle(MethodHandles.Lookup lookup, String name, Class<?> type) {
        try {
            return lookup.findVarHandle(lookup.lookupClass(), name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
