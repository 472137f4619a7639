package dev.weatheragent.bot;

import dev.weatheragent.weather.Place;
import dev.weatheragent.weather.PlaceMatch;

import java.util.List;

/**
 * Telegram HTML around an answer about a place, "" for none: the lead, before the answer, says a qualifier matched
 * nothing and which place is shown instead; the tail, after it, names the other places the query fits and how to
 * pick one.
 */
record PlaceNotes(String lead, String tail) {

    static final PlaceNotes NONE = new PlaceNotes("", "");
    private static final int OTHERS_SHOWN = 3;

    /** The notes for a resolved query typed with this command ("weather", "forecast", "chart"). */
    static PlaceNotes of(PlaceMatch match, String query, String command, Texts t) {
        if (!match.unmatched().isEmpty()) {
            // No ambiguity note: the place is the nearest, not the most populous of places that fit.
            return new PlaceNotes(t.get("notFoundIn", match.query().name(), String.join(", ", match.unmatched()),
                    match.place().label()), "");
        }
        List<Place> others = match.others();
        if (others.isEmpty()) {
            return NONE;
        }
        String shown = String.join("; ", others.stream().limit(OTHERS_SHOWN).map(Place::label).toList());
        Place example = others.getFirst();
        String where = example.admin1() != null && !example.admin1().isBlank() ? example.admin1() : example.country();
        return new PlaceNotes("", t.get("ambiguous", match.candidates().size(), query, shown, command, example.name(),
                where == null ? "" : where));
    }

    String around(String html) {
        return (lead.isEmpty() ? "" : lead + "\n\n") + html + (tail.isEmpty() ? "" : "\n\n" + tail);
    }

    /** Both notes on their own, for when they do not fit beside the answer. */
    String alone() {
        return lead.isEmpty() || tail.isEmpty() ? lead + tail : lead + "\n\n" + tail;
    }
}
