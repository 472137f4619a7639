package dev.weatheragent.store;

/** The database cannot be reached or used right now; the operation changed nothing. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
