package dev.weatheragent.store;

import java.time.Instant;

/** A place whose hourly alert check has come; {@code nextCheck} is what the scheduler read, to move it on. */
public record DueCheck(String placeKey, Instant nextCheck) {
}
