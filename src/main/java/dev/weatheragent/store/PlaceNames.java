package dev.weatheragent.store;

import java.text.Normalizer;
import java.util.Locale;

/** How a place name is compared: the same name in another case or Unicode form is the same place. */
final class PlaceNames {

    private PlaceNames() {
    }

    /**
     * The name as stored: stripped, and within {@link ChatStore#MAX_NAME} (the database columns' size), checked here so
     * that every store refuses the same names, and a database never reports a name it cannot hold as an outage.
     */
    static String checked(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("a place name must not be blank");
        }
        if (stripped.codePointCount(0, stripped.length()) > ChatStore.MAX_NAME
                || key(stripped).codePointCount(0, key(stripped).length()) > ChatStore.MAX_NAME) {
            throw new IllegalArgumentException("a place name may have at most " + ChatStore.MAX_NAME + " characters");
        }
        return stripped;
    }

    static String key(String name) {
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
