package dev.weatheragent.store;

/** The store cannot be used by this build at all (a newer schema, a file that is not a database): exit. */
public final class StoreStartupException extends RuntimeException {

    public StoreStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
