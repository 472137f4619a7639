package dev.weatheragent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** DATA_DIR, DATABASE_URL and DATABASE_PASSWORD: where the chats' settings live, and no password in any message. */
class StoreConfigLoaderTest {

    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_";
    private static final String SECRET = "s3cr:et@/pw";

    private static StoreConfig store(String... keyValues) throws ConfigException {
        return ConfigLoader.load(env(keyValues)).store();
    }

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    private static List<String> problems(String... keyValues) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(env(keyValues))).problems();
    }

    @Test
    void byDefaultSqliteInDataUnderTheWorkingDirectory() throws ConfigException {
        StoreConfig store = store();
        assertThat(store.dataDir(), equalTo(Path.of("data")));
        assertThat(store.sqliteFile(), equalTo(Path.of("data", "weather-agent.db")));
        assertThat(store.database(), is(Optional.empty()));
    }

    @Test
    void dataDirThatIsAFileIsRefusedByName(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("data"));
        List<String> problems = problems("DATA_DIR", file.toString());
        assertThat(problems, hasSize(1));
        assertThat(problems.getFirst(), startsWith("DATA_DIR must be a directory, but " + file + " is a file"));
        assertThat(store("DATA_DIR", dir.resolve("new").toString()).dataDir(), equalTo(dir.resolve("new")));
    }

    @Test
    void jdbcUrlsKeepTheirParametersAndGiveUpUserAndPassword() throws ConfigException {
        StoreConfig.Database db = store("DATABASE_URL",
                "jdbc:postgresql://db.example:5433/bot?sslmode=require&user=weather&password=inurl").database().get();
        assertThat(db.jdbcUrl(), equalTo("jdbc:postgresql://db.example:5433/bot?sslmode=require"));
        assertThat(db.user(), equalTo(Optional.of("weather")));
        assertThat(db.password(), equalTo(Optional.of("inurl")));
        assertThat(db.display(), equalTo("db.example:5433/bot"));
        assertThat(db.toString(), not(containsString("inurl")));
    }

    @Test
    void postgresUrlsAsHerokuAndDockerWriteThem() throws ConfigException {
        StoreConfig.Database db = store("DATABASE_URL", "postgres://weather:p%40ss@pg:5432/bot",
                "DATABASE_PASSWORD", "").database().get();
        assertThat(db.jdbcUrl(), equalTo("jdbc:postgresql://pg:5432/bot"));
        assertThat(db.user(), equalTo(Optional.of("weather")));
        assertThat(db.password(), equalTo(Optional.of("p@ss")));
        StoreConfig.Database multi = store("DATABASE_URL", "postgresql://a:5432,b:5432/bot?targetServerType=primary")
                .database().get();
        assertThat(multi.jdbcUrl(), equalTo("jdbc:postgresql://a:5432,b:5432/bot?targetServerType=primary"));
        assertThat(multi.user(), is(Optional.empty()));
    }

    @Test
    void databasePasswordWinsOverOneInTheUrl() throws ConfigException {
        StoreConfig.Database db = store("DATABASE_URL", "postgres://weather:old@pg/bot", "DATABASE_PASSWORD", SECRET)
                .database().get();
        assertThat(db.password(), equalTo(Optional.of(SECRET)));
        assertThat(ConfigLoader.load(env("DATABASE_URL", "postgres://weather@pg/bot", "DATABASE_PASSWORD", SECRET))
                .toString(), not(containsString(SECRET)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://pg/bot", "jdbc:postgresql://pg", "postgres://weather:" + SECRET + "pg:5432",
            "jdbc:postgresql://pg/bot name", "pg:5432/bot"})
    void malformedUrlsAreOneProblemThatQuotesNothing(String url) {
        List<String> problems = problems("DATABASE_URL", url);
        assertThat(problems, hasSize(1));
        assertThat(problems.getFirst(), startsWith("DATABASE_URL must look like jdbc:postgresql://host:5432/db"));
        assertThat(problems.getFirst(), not(containsString(url)));
        assertThat(problems.getFirst(), not(containsString(SECRET)));
    }

    @Test
    void aPasswordWithoutADatabaseIsAMistakeSaidAloud() {
        List<String> problems = problems("DATABASE_PASSWORD", SECRET);
        assertThat(problems, hasSize(1));
        assertThat(problems.getFirst(), startsWith("DATABASE_PASSWORD is set but DATABASE_URL is not"));
        assertThat(problems.getFirst(), not(containsString(SECRET)));
    }
}
