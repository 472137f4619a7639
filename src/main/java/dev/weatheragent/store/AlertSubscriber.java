package dev.weatheragent.store;

import dev.weatheragent.weather.Units;

/** An active subscriber of a checked place, with the chat's units and reply language as they are now. */
public record AlertSubscriber(long chatId, SavedPlace place, Units units, String replyLanguage) {
}
