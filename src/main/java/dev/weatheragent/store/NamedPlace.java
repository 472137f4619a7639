package dev.weatheragent.store;

/** A saved place under the chat's own name for it ({@code work}, {@code дача}). */
public record NamedPlace(String name, SavedPlace place) {
}
