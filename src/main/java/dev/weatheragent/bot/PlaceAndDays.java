package dev.weatheragent.bot;

import java.util.Optional;

/**
 * A place query with an optional day count at the end: {@code "Lviv 5"}, {@code "Paris, Texas"}, {@code "5"}. A
 * trailing number out of range (or not whole) is reported in {@code badDays}.
 */
record PlaceAndDays(String query, int days, String badDays) {

    static final int DEFAULT_DAYS = 3;

    static PlaceAndDays parse(String args, int maxDays) {
        int lastSpace = lastWhitespace(args);
        String last = lastSpace < 0 ? args : args.substring(lastSpace + 1);
        if (!last.matches("[+-]?\\d+([.,]\\d+)?")) {
            return new PlaceAndDays(args, DEFAULT_DAYS, null);
        }
        String query = lastSpace < 0 ? "" : args.substring(0, lastSpace).strip();
        Optional<Integer> parsed = parseDays(last, maxDays);
        return parsed.map(days -> new PlaceAndDays(query, days, null))
                .orElseGet(() -> new PlaceAndDays(query, DEFAULT_DAYS, last));
    }

    private static Optional<Integer> parseDays(String raw, int maxDays) {
        try {
            int days = Integer.parseInt(raw.startsWith("+") ? raw.substring(1) : raw);
            return days >= 1 && days <= maxDays ? Optional.of(days) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int lastWhitespace(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
