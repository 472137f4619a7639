package dev.weatheragent.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weatheragent.bot.PlaceFinder.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The buttons under an answer about a place: "now" and 1 / 3 / 7 days (a chart: 1 / 3 / 7 days), and one per other
 * place the query fits (up to five). The places live here, in memory, under a short random reference that the
 * buttons carry; after a restart or two days unused they are gone, and a press on such a button gets a polite word
 * instead.
 */
final class PlaceButtons {

    /** 0 is "now". */
    static final List<Integer> DAY_CHOICES = List.of(0, 1, 3, 7);
    static final List<Integer> CHART_DAY_CHOICES = List.of(1, 3, 7);
    static final int MAX_OTHERS = 5;
    /** The action letters of a text answer's buttons and of a chart's. */
    static final char ACTION = 'w';
    static final char CHART_ACTION = 'g';

    /** The places of one answer, for the chat it was sent to; the first is the one answered first. */
    private record Views(long chatId, List<Target> places) {
    }

    private final ButtonCodec codec;
    private final RandomGenerator random;
    private final Cache<String, Views> views = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofDays(2)).build();

    PlaceButtons(ButtonCodec codec, RandomGenerator random) {
        this.codec = codec;
        this.random = random;
    }

    /** The buttons of a new answer about {@code target} for {@code days} (0: now). */
    Keyboard first(long chatId, Target target, int days, Texts t) {
        return first(chatId, target, days, t, ACTION);
    }

    /** The buttons of a new chart of {@code target} for {@code days}. */
    Keyboard firstChart(long chatId, Target target, int days, Texts t) {
        return first(chatId, target, days, t, CHART_ACTION);
    }

    private Keyboard first(long chatId, Target target, int days, Texts t, char action) {
        List<Target> places = new ArrayList<>();
        places.add(target.alone());
        target.others().stream().limit(MAX_OTHERS).map(Target::alone).forEach(places::add);
        String ref = Long.toString(random.nextLong() & 0xFF_FFFF_FFFFL, 36);
        views.put(ref, new Views(chatId, List.copyOf(places)));
        return keyboard(chatId, ref, places, 0, days, t, action);
    }

    /** The places behind a reference, if it is still known and belongs to this chat. */
    Optional<List<Target>> places(long chatId, String ref) {
        Views found = views.getIfPresent(ref);
        return found == null || found.chatId() != chatId ? Optional.empty() : Optional.of(found.places());
    }

    /** The day choices of buttons with this action letter. */
    static List<Integer> choices(char action) {
        return action == CHART_ACTION ? CHART_DAY_CHOICES : DAY_CHOICES;
    }

    /**
     * The buttons of an answer ({@code action} {@link #ACTION}) or chart ({@link #CHART_ACTION}) about
     * {@code places[index]} for {@code days}: the choice made is ticked.
     */
    Keyboard keyboard(long chatId, String ref, List<Target> places, int index, int days, Texts t, char action) {
        List<Keyboard.Button> dayRow = new ArrayList<>();
        for (int choice : choices(action)) {
            String label = t.get("button.days." + choice);
            dayRow.add(new Keyboard.Button(choice == days ? t.get("button.current", label) : label,
                    data(chatId, action, ref, index, choice)));
        }
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        rows.add(dayRow);
        for (int i = 0; i < places.size(); i++) {
            if (i != index) {
                rows.add(List.of(new Keyboard.Button(places.get(i).title(), data(chatId, action, ref, i, days))));
            }
        }
        return new Keyboard(rows);
    }

    private String data(long chatId, char action, String ref, int index, int days) {
        return codec.encode(chatId, action, ref, Integer.toString(index), Integer.toString(days));
    }
}
