package dev.weatheragent.store;

/**
 * A place as the chat saved it: what to call it and where it is.
 *
 * @param label    "Kyiv, Kyiv City, Ukraine" or "Location 50.4501, 30.5234"; at most {@link #MAX_LABEL} characters
 * @param timezone its IANA time zone, as Open-Meteo gave it
 */
public record SavedPlace(String label, double latitude, double longitude, String timezone) {

    public static final int MAX_LABEL = 200;

    public SavedPlace {
        if (!Double.isFinite(latitude) || Math.abs(latitude) > 90 || !Double.isFinite(longitude)
                || Math.abs(longitude) > 180) {
            throw new IllegalArgumentException("not a point on Earth: " + latitude + ", " + longitude);
        }
        if (label.length() > MAX_LABEL) {
            // Never between the two halves of a character outside the BMP (an emoji): PostgreSQL would store "?".
            int end = MAX_LABEL - 1;
            if (Character.isHighSurrogate(label.charAt(end - 1))) {
                end--;
            }
            label = label.substring(0, end) + "…";
        }
    }
}
