package dev.weatheragent.metrics;

/** How one call to a remote API ended, as the bounded {@code result} label of its meters. */
public enum CallResult {
    OK("ok"),
    /** Telegram: another {@code getUpdates} consumer or a webhook holds the token. */
    CONFLICT("409"),
    TOO_MANY_REQUESTS("429"),
    /** Any other 4xx: the request was refused for good. */
    CLIENT_ERROR("4xx"),
    SERVER_ERROR("5xx"),
    /** No usable answer: connection refused or reset, timeout, a body that is not the API's JSON. */
    TRANSPORT("transport"),
    /** Not sent: the Open-Meteo call budget (OPEN_METEO_CALLS_PER_MINUTE) was spent. */
    BUDGET_SPENT("budget-spent");

    private final String label;

    CallResult(String label) {
        this.label = label;
    }

    /** The result for an HTTP status or Bot API error code. */
    public static CallResult ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return OK;
        }
        return switch (status) {
            case 409 -> CONFLICT;
            case 429 -> TOO_MANY_REQUESTS;
            default -> status >= 500 ? SERVER_ERROR : CLIENT_ERROR;
        };
    }

    String label() {
        return label;
    }
}
