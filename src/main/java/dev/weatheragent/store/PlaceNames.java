package dev.weatheragent.store;

import java.text.Normalizer;
import java.util.Locale;

/** How a place name is compared: the same name in another case or Unicode form is the same place. */
final class PlaceNames {

    private PlaceNames() {
    }

    static String key(String name) {
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
