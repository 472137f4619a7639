package dev.weatheragent.store;

/** What saving a named place did. */
public enum SaveOutcome {
    SAVED, REPLACED, FULL
}
