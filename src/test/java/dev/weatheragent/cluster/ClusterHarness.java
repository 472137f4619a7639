package dev.weatheragent.cluster;

import dev.weatheragent.Main;
import dev.weatheragent.RunningBot;
import dev.weatheragent.config.AgentConfig;
import dev.weatheragent.config.BotConfig;
import dev.weatheragent.config.LeaderElectionConfig;
import dev.weatheragent.config.LogFormat;
import dev.weatheragent.config.MetricsConfig;
import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.PollSpan;
import dev.weatheragent.schedule.AlertScheduler;
import dev.weatheragent.schedule.DailyScheduler;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * Bot instances built by {@link Main#wire} with leader election against fabric8's mock API server in CRUD mode,
 * sharing one fake Telegram (each instance at its own fake address, so its polls can be told apart) and one fake
 * Open-Meteo. Each instance reaches the API server through its own {@link ApiProxy}. Short leases keep tests quick.
 */
final class ClusterHarness implements AutoCloseable {

    static final String NAMESPACE = "bots";
    /** The chart's Lease name for release "weather-agent" (its fullname). */
    static final String LEASE = "weather-agent";
    static final LeaseTiming TIMING = new LeaseTiming(Duration.ofSeconds(3), Duration.ofSeconds(2),
            Duration.ofMillis(500));
    /** Longer than the renew deadline, as in production (50 s and 10 s), so that a leader must abort its poll. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);
    /** Marks the harness's own API calls, so that they can be told from the app's. */
    static final String INSPECTOR = "test-inspector";
    /** The mock server logs every request at INFO; held so that java.util.logging keeps the level. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    /** An API request as the mock server received it. */
    record ApiRequest(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    final FakeTelegram telegram;
    final FakeOpenMeteo meteo;
    final Clock clock;
    /** Daily forecasts looked for five times a second, so that a test moving the clock sees them at once. */
    final DailyScheduler.Timing daily = new DailyScheduler.Timing(Duration.ofMillis(200), Duration.ofMinutes(5),
            200, 4, Duration.ofHours(1));
    /** Places due an alert check looked for five times a second, likewise. */
    final AlertScheduler.Timing alerts = new AlertScheduler.Timing(Duration.ofMillis(200), Duration.ofMinutes(5),
            100, 4);
    final KubernetesMockServer api;
    final KubernetesClient inspect;
    /** Where every instance keeps chat settings: by default one SQLite file under target/, as one shared volume. */
    StoreConfig store;
    private final List<Instance> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /** One bot process, as far as this test is concerned. */
    final class Instance {
        final String name;
        final ApiProxy proxy;
        final RunningBot bot;

        Instance(String name, ApiProxy proxy, RunningBot bot) {
            this.name = name;
            this.proxy = proxy;
            this.bot = bot;
        }

        /** Its polls, as the fake Telegram saw them. */
        List<PollSpan> polls() {
            return telegram.pollSpans().stream().filter(p -> p.client().equals(name)).toList();
        }

        void stop() {
            bot.stop();
        }

        String health(String path) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bot.healthPort() + path))
                    .timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** With the mock API server in CRUD mode: it stores what it is sent, like a real one. */
    ClusterHarness() throws IOException {
        this(true, Clock.systemUTC());
    }

    /** {@code crud} false: the mock API server answers only what the test scripts with {@code api.expect()}. */
    ClusterHarness(boolean crud) throws IOException {
        this(crud, Clock.systemUTC());
    }

    /** In CRUD mode, with "now" for the instances and the fakes from this clock. */
    ClusterHarness(Clock clock) throws IOException {
        this(true, clock);
    }

    private ClusterHarness(boolean crud, Clock clock) throws IOException {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        this.clock = clock;
        telegram = new FakeTelegram(clock);
        meteo = new FakeOpenMeteo(clock);
        api = crud
                ? new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false)
                : new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), false);
        api.init(InetAddress.getLoopbackAddress(), 0);
        inspect = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + api.getPort()).withUserAgent(INSPECTOR)
                .withRequestRetryBackoffLimit(0).build()).build();
        Files.createDirectories(Path.of("target"));
        store = new StoreConfig(Files.createTempDirectory(Path.of("target"), "cluster-data-"), Optional.empty());
    }

    /** Starts an instance with leader election on, as the chart runs it, and returns once its loop runs. */
    Instance start(String podName) throws IOException {
        return start(podName, true, Optional.of(NAMESPACE), Path.of("/nonexistent/namespace"));
    }

    Instance start(String podName, boolean leaderElection, Optional<String> podNamespace, Path namespaceFile)
            throws IOException {
        ApiProxy proxy = new ApiProxy(api.getPort());
        ClusterEnvironment environment = new ClusterEnvironment(
                () -> new ConfigBuilder(Config.empty()).withMasterUrl(proxy.url()).build(),
                TIMING, namespaceFile, Duration.ofSeconds(30), () -> "unused-hostname");
        BotConfig config = new BotConfig(FakeTelegram.TOKEN, telegram.baseUrlFor(podName), meteo.forecastUrl(),
                meteo.geocodingUrl(), 0, Set.of(), Level.INFO, LogFormat.TEXT, POLL_TIMEOUT, SHUTDOWN_GRACE, true, 30, 500,
                new AgentConfig(Optional.empty(), URI.create("http://127.0.0.1:9/v1"), "test-model",
                        Duration.ofSeconds(5), meteo.airQualityUrl(), 0, 30),
                new LeaderElectionConfig(leaderElection, LEASE, Optional.of(podName), podNamespace), store,
                MetricsConfig.off());
        RunningBot bot;
        try {
            bot = Main.wire(config, environment, clock, daily, alerts);
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        Instance instance = new Instance(podName, proxy, bot);
        instances.add(instance);
        bot.run();
        return instance;
    }

    /** Waits until {@code instance} holds the Lease and polls. */
    void awaitPolling(Instance instance, Duration timeout) throws InterruptedException {
        await(timeout, () -> instance.name.equals(holder()) && !instance.polls().isEmpty(),
                () -> instance + " does not poll; holder " + holder() + ", polls " + telegram.pollSpans());
    }

    String holder() {
        Lease lease = inspect.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** The Events on the pods, as "pod reason type". */
    List<String> events() {
        return inspect.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .map(ClusterHarness::describe).toList();
    }

    private static String describe(Event e) {
        return e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName() + " " + e.getReason() + " "
                + e.getType();
    }

    /** The requests the instances (not this harness) sent to the API server since the last call. */
    List<ApiRequest> appRequests() throws InterruptedException {
        List<ApiRequest> requests = new ArrayList<>();
        for (RecordedRequest r = api.takeRequest(10, TimeUnit.MILLISECONDS); r != null;
             r = api.takeRequest(10, TimeUnit.MILLISECONDS)) {
            String agent = r.getHeader("User-Agent");
            if (agent == null || !agent.contains(INSPECTOR)) {
                requests.add(new ApiRequest(r.getMethod(), r.getPath(),
                        r.getBody() == null ? "" : r.getBody().readUtf8()));
            }
        }
        return requests;
    }

    /** Stops every instance: each hands over and releases what it holds. */
    void stopAll() {
        for (Instance instance : instances) {
            instance.bot.stop();
        }
    }

    static void await(Duration timeout, BooleanSupplier condition, Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException {
        for (Instance instance : instances) {
            instance.bot.stop();
            instance.proxy.close();
        }
        inspect.close();
        api.destroy();
        telegram.close();
        meteo.close();
        http.close();
    }
}
