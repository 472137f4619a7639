package dev.weatheragent.bot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Candidate place names in free text, for answering without a model: capitalised word pairs first ("New York"),
 * then single capitalised words, then the same words without their last letter, which catches many inflected
 * forms ("Львові" → "Львов", a prefix the geocoder matches). At most {@value #MAX} candidates, so a message costs
 * a bounded number of (cached) geocoding calls.
 */
final class PlaceGuesses {

    static final int MAX = 5;

    private PlaceGuesses() {
    }

    static List<String> in(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String raw : text.split("[^\\p{L}\\p{M}'’-]+")) {
            if (raw.length() >= 3 && Character.isUpperCase(raw.codePointAt(0))) {
                words.add(raw);
            }
        }
        Set<String> guesses = new LinkedHashSet<>();
        String[] tokens = text.split("[^\\p{L}\\p{M}'’-]+");
        for (int i = 0; i + 1 < tokens.length; i++) {
            if (words.contains(tokens[i]) && words.contains(tokens[i + 1])) {
                guesses.add(tokens[i] + " " + tokens[i + 1]);
            }
        }
        guesses.addAll(words);
        for (String word : words) {
            if (word.length() >= 5) {
                guesses.add(word.substring(0, word.length() - 1));
            }
        }
        return guesses.stream().limit(MAX).toList();
    }
}
