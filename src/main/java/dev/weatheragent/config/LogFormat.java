package dev.weatheragent.config;

/** How log records are written to standard error. */
public enum LogFormat {
    /** One human-readable line per record. */
    TEXT,
    /** One JSON object per line, for log collectors. */
    JSON
}
