package dev.weatheragent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.weatheragent.fakes.FakeHttpServer;
import dev.weatheragent.fakes.FakeOpenAi;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import dev.weatheragent.fakes.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The LLM agent end to end: fake Telegram, fake Open-Meteo and a fake OpenAI endpoint, through the real wiring. */
class AgentEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final BotHarness h;
    private final FakeOpenAi ai;

    AgentEndToEndTest() throws Exception {
        h = new BotHarness();
        ai = new FakeOpenAi();
    }

    @AfterEach
    void close() throws Exception {
        try {
            h.closeCheckingSpec();
        } finally {
            ai.close();
        }
    }

    private BotHarness start(Duration timeout, long dailyTokens, int perHour) {
        return h.start(Set.of(), h.agent(ai.baseUrl(), FakeOpenAi.API_KEY, timeout, dailyTokens, perHour));
    }

    private BotHarness start() {
        return start(Duration.ofSeconds(5), 0, 30);
    }

    private Sent ask(long chat, String text) throws InterruptedException {
        return h.ask(chat, text, "en", WAIT);
    }

    private static List<String> roles(JsonNode request) {
        List<String> roles = new ArrayList<>();
        request.get("messages").forEach(m -> roles.add(m.get("role").asText()));
        return roles;
    }

    @Test
    void aQuestionRunsAMultiStepToolConversationAndTheAnswerArrivesAsSafeHtml() throws Exception {
        start();
        Sent reply = ask(1, "Will it rain in Lviv tomorrow?");
        List<JsonNode> requests = ai.requests();
        assertThat("find the place, get the forecast, answer", requests, hasSize(3));
        System.out.println("agent request bytes for one question: "
                + requests.stream().map(r -> r.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .toList());
        assertThat(roles(requests.get(2)), equalTo(List.of("system", "user", "assistant", "tool", "assistant",
                "tool")));
        assertThat(h.meteo.searchCalls().getFirst().get("name"), equalTo("Lviv"));
        var call = h.meteo.forecastCalls().getFirst();
        assertThat(List.of(call.latitude(), call.longitude()), equalTo(List.of(49.84, 24.02)));
        assertThat(reply.parseMode(), equalTo("HTML"));
        assertThat(reply.text(), allOf(containsString("<b>Lviv</b>"), containsString("&lt; 30 °C &amp; rising"),
                containsString("• ")));
        assertThat(reply.plainText(), containsString("precipitation chance 15 %"));
        String system = requests.getFirst().get("messages").get(0).get("content").asText();
        assertThat(system, allOf(containsString("weather assistant"), containsString("(UTC)"),
                containsString("\"en\"")));
        assertThat(requests.getFirst().get("model").asText(), equalTo("test-model"));
    }

    @Test
    void toolsReachHourlyAndAirQualityData() throws Exception {
        start();
        assertThat(ask(2, "What about Kyiv tonight?").plainText(), containsString("tonight from 18:00"));
        assertThat(ask(2, "And the air in Kyiv?").plainText(), containsString("European AQI 42"));
        assertThat(h.meteo.airQualityCalls(), equalTo(List.of("50.45,30.52")));
    }

    /**
     * The model learns the time from the system prompt, the bot's clock; "tonight" is the evening of the place's own
     * date, also when the UTC date differs or the clocks change that night.
     */
    @ParameterizedTest
    @FieldSource("dev.weatheragent.fakes.TestClock#HARD_MOMENTS")
    void tonightIsThePlacesOwnEveningAtHardMoments(Instant moment) throws Exception {
        try (BotHarness moved = new BotHarness(TestClock.startingAt(moment))) {
            moved.start(Set.of(), moved.agent(ai.baseUrl(), FakeOpenAi.API_KEY, Duration.ofSeconds(5), 0, 30));
            assertThat(moved.ask(2, "What about Kyiv tonight?", "en", WAIT).plainText(), containsString("tonight from 18:00"));
            String system = ai.requests().getFirst().get("messages").get(0).get("content").asText();
            Matcher stated = Pattern.compile("current time is (\\S+) \\(UTC\\)").matcher(system);
            assertThat(system, stated.find(), is(true));
            Duration sinceMoment = Duration.between(moment, Instant.parse(stated.group(1)));
            assertThat("the prompt states the bot's clock: " + system, sinceMoment.isNegative()
                    || sinceMoment.compareTo(Duration.ofMinutes(5)) > 0, is(false));
            LocalDate kyivToday = LocalDate.ofInstant(moment, ZoneId.of(FakeOpenMeteo.KYIV.timezone()));
            assertThat(toolArguments("hourlyForecast").get("date").asText(), equalTo(kyivToday.toString()));
            assertThat(moved.telegram.specViolations(), is(empty()));
        }
    }

    /** The arguments of the model's first call of the tool. */
    private JsonNode toolArguments(String tool) throws Exception {
        for (JsonNode request : ai.requests()) {
            for (JsonNode message : request.get("messages")) {
                for (JsonNode call : message.path("tool_calls")) {
                    if (call.path("function").path("name").asText().equals(tool)) {
                        return new ObjectMapper().readTree(call.get("function").get("arguments").asText());
                    }
                }
            }
        }
        throw new AssertionError("the model never called " + tool);
    }

    @Test
    void memoryIsKeptPerChatIsolatedBetweenChatsAndClearedByReset() throws Exception {
        start();
        ask(3, "Will it rain in Lviv tomorrow?");
        assertThat(ask(3, "Do you remember what I asked?").plainText(), containsString("I see 2 messages"));
        String other = ask(4, "Do you remember anything?").plainText();
        assertThat("another chat starts empty", other, containsString("I see 1 messages"));
        for (JsonNode request : ai.requests()) {
            if (request.toString().contains("remember anything")) {
                assertThat("chat 3's words never reach chat 4's context", request.toString(),
                        allOf(not(containsString("Will it rain")), not(containsString("Lviv Oblast"))));
            }
        }
        assertThat(ask(3, "/reset").plainText(), containsString("forgotten"));
        assertThat(ask(3, "Do you remember what I asked?").plainText(), containsString("I see 1 messages"));
    }

    @Test
    void theMemoryWindowBoundsTheRequestSize() throws Exception {
        start();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> bytes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ask(5, "Will it rain in Lviv tomorrow? (" + i + ")");
            List<JsonNode> requests = ai.requests();
            sizes.add(requests.getLast().get("messages").size());
            bytes.add(requests.getLast().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        System.out.println("agent last-request bytes per turn: " + bytes);
        assertThat("system prompt plus at most the window", sizes, everyItem(lessThanOrEqualTo(21)));
        assertThat(sizes.getLast(), equalTo(sizes.get(sizes.size() - 2)));
    }

    @Test
    void ambiguousPlacesMakeTheAgentAskWhichOne() throws Exception {
        start();
        Sent reply = ask(6, "Weather in Paris please");
        assertThat(reply.plainText(), allOf(containsString("Which Paris do you mean"), containsString("France"),
                containsString("United States")));
        assertThat("no forecast before the user chose", h.meteo.forecastCalls(), is(empty()));
    }

    @Test
    void commandsNeverCallTheModel() throws Exception {
        start();
        assertThat(ask(7, "/weather Kyiv").plainText(), startsWith("Kyiv"));
        ask(7, "/forecast Lviv 2");
        ask(7, "/help");
        assertThat(ai.requests(), is(empty()));
    }

    @Test
    void aRejectedKeyGivesTheFallbackAndPausesTheModel() throws Exception {
        h.start(Set.of(), h.agent(ai.baseUrl(), "sk-wrong-key-0000000000", Duration.ofSeconds(5), 0, 30));
        Sent first = ask(8, "Will it rain in Lviv tomorrow?");
        assertThat(first.plainText(), allOf(containsString("assistant is unavailable"),
                containsString("Lviv, Lviv Oblast, Ukraine")));
        Sent second = ask(8, "and in Kyiv?");
        assertThat(second.plainText(), containsString("Kyiv, Kyiv City, Ukraine"));
        assertThat("no retry of a 401 and no second attempt while paused", ai.requests(), hasSize(1));
    }

    @Test
    void rateLimitedAndFailingModelsAreRetriedOnceThenTheFallbackAnswers() throws Exception {
        start();
        ai.override(FakeOpenAi.error(429, "requests", "rate_limit_exceeded", "Rate limit reached"),
                FakeOpenAi.error(429, "requests", "rate_limit_exceeded", "Rate limit reached"));
        assertThat(ask(9, "Will it rain in Lviv tomorrow?").plainText(), containsString("Lviv, Lviv Oblast"));
        assertThat(ai.requests(), hasSize(2));
        ai.override(FakeOpenAi.error(500, "server_error", null, "The server had an error"),
                FakeOpenAi.error(500, "server_error", null, "The server had an error"));
        assertThat(ask(9, "Something about the weather").plainText(), containsString("can’t answer that right now"));
        assertThat(ai.requests(), hasSize(4));
        ai.override(FakeOpenAi.error(500, "server_error", null, "The server had an error"));
        assertThat("one failure is retried and the answer still comes from the model",
                ask(9, "Will it rain in Kyiv tomorrow?").plainText(), startsWith("Kyiv: here is what"));
    }

    @Test
    void aModelThatDoesNotAnswerInTimeGetsTheFallback() throws Exception {
        start(Duration.ofSeconds(1), 0, 30);
        ai.override(FakeHttpServer.delayed(Duration.ofSeconds(3), ai.answer("too late")),
                FakeHttpServer.delayed(Duration.ofSeconds(3), ai.answer("too late")));
        long started = System.nanoTime();
        Sent reply = ask(10, "Is it cold in Kyiv?");
        assertThat(reply.plainText(), containsString("Kyiv, Kyiv City"));
        assertThat(Duration.ofNanos(System.nanoTime() - started).toSeconds(), lessThanOrEqualTo(6L));
    }

    @Test
    void thePerChatRateLimitAndTheDailyBudgetAnswerWithoutTheModel() throws Exception {
        start(Duration.ofSeconds(5), 0, 2);
        ask(11, "Will it rain in Lviv tomorrow?");
        ask(11, "Will it rain in Kyiv tomorrow?");
        int before = ai.requests().size();
        Sent limited = ask(11, "Will it rain in Lviv tomorrow?");
        assertThat(limited.plainText(), allOf(containsString("asked the assistant a lot"),
                containsString("Lviv, Lviv Oblast")));
        assertThat(ai.requests(), hasSize(before));
        assertThat("another chat is not limited", ask(12, "Will it rain in Kyiv tomorrow?").plainText(),
                startsWith("Kyiv: here is what"));
    }

    @Test
    void aSpentDailyBudgetStopsModelCalls() throws Exception {
        start(Duration.ofSeconds(5), 1, 30);
        ask(13, "Will it rain in Lviv tomorrow?");
        int before = ai.requests().size();
        assertThat(ask(14, "Will it rain in Kyiv tomorrow?").plainText(), containsString("today’s budget"));
        assertThat(ai.requests(), hasSize(before));
    }

    @Test
    void modelOutputWithHtmlAndMarkdownIsDeliveredSafely() throws Exception {
        start();
        ai.override(ai.answer("# Forecast\n**Hot** <script>alert(1)</script> & `x<y` _soon_\n```\nraw <b>\n```"));
        Sent reply = ask(15, "Anything about Kyiv?");
        assertThat(reply.parseMode(), equalTo("HTML"));
        assertThat(reply.plainText(), allOf(containsString("<script>alert(1)</script> & x<y"),
                containsString("raw <b>")));
        assertThat(reply.text(), allOf(containsString("<b>Forecast</b>"), containsString("<b>Hot</b>"),
                containsString("<i>soon</i>"), containsString("<code>x&lt;y</code>")));
    }

    @Test
    void unrelatedRequestsAreDeclinedInOneSentence() throws Exception {
        start();
        assertThat(ask(16, "Write me a poem about cats").plainText(),
                equalTo("Sorry, I can only help with the weather."));
    }

    @Test
    void requestsCarryNoSecretsAndValidToolSchemasWithDescriptions() throws Exception {
        start();
        ask(17, "Will it rain in Lviv tomorrow?");
        ObjectMapper mapper = new ObjectMapper();
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(mapper.readTree("{\"$ref\":\"https://json-schema.org/draft/2020-12/schema\"}"));
        for (JsonNode request : ai.requests()) {
            String body = request.toString();
            assertThat(body, not(containsString(FakeTelegram.TOKEN)));
            assertThat(body, not(containsString(FakeOpenAi.API_KEY)));
            JsonNode tools = request.get("tools");
            assertThat(tools.size(), equalTo(5));
            for (JsonNode tool : tools) {
                JsonNode function = tool.get("function");
                assertThat(function.get("name").asText(), function.get("description").asText().length() > 20,
                        is(true));
                JsonNode parameters = function.get("parameters");
                List<Error> errors = metaSchema.validate(parameters);
                assertThat(function.get("name").asText() + " " + parameters, errors, is(empty()));
                parameters.path("properties").properties().forEach(p -> assertThat(
                        function.get("name").asText() + "." + p.getKey() + " needs a description",
                        p.getValue().path("description").asText().isEmpty(), is(false)));
                assertThat(parameters.toString(), not(containsString("chatId")));
            }
        }
        assertThat(ai.authorizations(), everyItem(equalTo("Bearer " + FakeOpenAi.API_KEY)));
    }
}
