package dev.weatheragent.cluster;

import dev.weatheragent.cluster.ClusterHarness.Instance;
import dev.weatheragent.store.PostgresFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/**
 * Two replicas with leader election on one real PostgreSQL, as the chart runs them with {@code externalDatabase}:
 * what a chat stored through the leader is there when the standby takes over.
 */
class SharedSettingsHandOverTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private final ClusterHarness cluster;

    SharedSettingsHandOverTest() throws Exception {
        cluster = new ClusterHarness();
        cluster.store = PostgresFixture.config(PostgresFixture.shared().newDatabase());
    }

    @AfterEach
    void close() throws Exception {
        try {
            cluster.stopAll();
        } finally {
            cluster.close();
        }
    }

    private String ask(long chat, String text) throws InterruptedException {
        int before = cluster.telegram.sentTo(chat).size();
        cluster.telegram.sendText(chat, text, "en");
        return cluster.telegram.awaitSentTo(chat, before + 1, WAIT).get(before).plainText();
    }

    @Test
    void everySettingSurvivesAHandOver() throws Exception {
        Instance a = cluster.start("weather-agent-a");
        cluster.awaitPolling(a, WAIT);
        Instance b = cluster.start("weather-agent-b");
        assertThat(ask(1, "/units imperial"), containsString("Units set to imperial"));
        assertThat(ask(1, "/home Kyiv"), containsString("Home place set to Kyiv"));
        assertThat(ask(1, "/save work Lviv"), containsString("Saved work"));
        a.stop();
        cluster.awaitPolling(b, WAIT);
        assertThat(ask(1, "/weather"), allOf(startsWith("Kyiv"), containsString("°F")));
        assertThat(ask(1, "/weather work"), allOf(startsWith("Lviv"), containsString("°F")));
        assertThat(ask(1, "/language uk"), containsString("українською"));
    }
}
