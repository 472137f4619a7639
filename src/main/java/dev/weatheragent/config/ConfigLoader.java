package dev.weatheragent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds a {@link BotConfig} from environment variables, reporting every problem at once. */
public final class ConfigLoader {

    /** Telegram tokens look like {@code 123456789:AA...}: a numeric bot id, a colon, 30+ URL-safe characters. */
    static final Pattern TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{30,100}");

    private final Map<String, String> env;
    private final boolean requireToken;
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader(Map<String, String> env, boolean requireToken) {
        this.env = env;
        this.requireToken = requireToken;
    }

    /**
     * Reads the process environment, with {@code .env} in the working directory as a fallback.
     *
     * @param requireToken false for console mode, which does not talk to Telegram
     */
    public static BotConfig fromEnvironment(boolean requireToken) throws ConfigException {
        Map<String, String> merged = new HashMap<>(DotEnv.read(Path.of(".env")));
        merged.putAll(System.getenv());
        return load(merged, requireToken);
    }

    /** Validates the given variables; throws with one line per problem when any is wrong. */
    public static BotConfig load(Map<String, String> env) throws ConfigException {
        return load(env, true);
    }

    static BotConfig load(Map<String, String> env, boolean requireToken) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(env, requireToken);
        BotConfig config = loader.build();
        if (!loader.problems.isEmpty()) {
            throw new ConfigException(loader.problems);
        }
        return config;
    }

    private BotConfig build() {
        BotConfig config = new BotConfig(
                token(),
                url("TELEGRAM_API_BASE_URL", "https://api.telegram.org"),
                url("OPEN_METEO_FORECAST_URL", "https://api.open-meteo.com/v1/forecast"),
                url("OPEN_METEO_GEOCODING_URL", "https://geocoding-api.open-meteo.com/v1/search"),
                integer("HEALTH_PORT", 8081, 1, 65535),
                chatIds(),
                logLevel(),
                logFormat(),
                Duration.ofSeconds(integer("POLL_TIMEOUT_SECONDS", 50, 1, 50)),
                Duration.ofSeconds(integer("SHUTDOWN_GRACE_SECONDS", 5, 0, 60)),
                !"off".equalsIgnoreCase(onOff("TELEGRAM_SEND_LIMITS")),
                // Paid broadcasts raise Telegram's 30 a second to at most 1,000.
                integer("TELEGRAM_MESSAGES_PER_SECOND", 30, 1, 1000),
                // The free tier allows 600; paid plans and self-hosted servers allow more.
                integer("OPEN_METEO_CALLS_PER_MINUTE", 500, 1, 100_000),
                agent(),
                leaderElection(),
                store(),
                metrics());
        if (config.metrics().port().equals(OptionalInt.of(config.healthPort()))) {
            problems.add("METRICS_PORT must differ from HEALTH_PORT (" + config.healthPort() + "): the health"
                    + " endpoints keep their port on 127.0.0.1 to themselves");
        }
        return config;
    }

    /** A listen address: an IPv4 or IPv6 literal or a host name. */
    private static final Pattern LISTEN_HOST = Pattern.compile("[A-Za-z0-9.:_%\\-]{1,253}");

    private MetricsConfig metrics() {
        String host = value("METRICS_HOST");
        if (host != null && !LISTEN_HOST.matcher(host).matches()) {
            problems.add("METRICS_HOST must be an address or host name to listen on, like 0.0.0.0 or ::, got \""
                    + host + "\"");
            host = null;
        }
        if (value("METRICS_PORT") == null) {
            return new MetricsConfig(OptionalInt.empty(), host == null ? "0.0.0.0" : host);
        }
        int port = integer("METRICS_PORT", 0, 1, 65535);
        return new MetricsConfig(port == 0 ? OptionalInt.empty() : OptionalInt.of(port),
                host == null ? "0.0.0.0" : host);
    }

    /** {@code jdbc:postgresql://}, {@code postgres://} or {@code postgresql://}, optional user:password, hosts, db. */
    private static final Pattern DATABASE_URL = Pattern.compile(
            "(?:jdbc:postgresql|postgres|postgresql)://(?:([^:@/?#]+)(?::([^@/?#]*))?@)?"
                    + "([A-Za-z0-9.\\-\\[\\]:,]+)/([A-Za-z0-9_.$%-]+)(?:\\?([^#]*))?");
    private static final String DATABASE_URL_HINT = "DATABASE_URL must look like jdbc:postgresql://host:5432/db"
            + " or postgres://user@host:5432/db (password in DATABASE_PASSWORD)";

    private StoreConfig store() {
        Path dataDir = Path.of("data");
        String rawDir = value("DATA_DIR");
        if (rawDir != null) {
            try {
                dataDir = Path.of(rawDir);
            } catch (InvalidPathException e) {
                problems.add("DATA_DIR must be a directory path, got \"" + rawDir + "\"");
            }
        }
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            problems.add("DATA_DIR must be a directory, but " + dataDir.toAbsolutePath() + " is a file");
        }
        return new StoreConfig(dataDir, database());
    }

    private Optional<StoreConfig.Database> database() {
        String raw = value("DATABASE_URL");
        Optional<String> password = Optional.ofNullable(env.get("DATABASE_PASSWORD")).filter(p -> !p.isEmpty());
        if (raw == null) {
            if (password.isPresent()) {
                problems.add("DATABASE_PASSWORD is set but DATABASE_URL is not: set both for PostgreSQL, or neither"
                        + " for the SQLite file in DATA_DIR");
            }
            return Optional.empty();
        }
        // The URL may carry a password: no message here quotes it.
        Matcher m = DATABASE_URL.matcher(raw);
        if (!m.matches()) {
            problems.add(DATABASE_URL_HINT);
            return Optional.empty();
        }
        Optional<String> user = Optional.ofNullable(m.group(1)).map(ConfigLoader::decode);
        if (password.isEmpty()) {
            password = Optional.ofNullable(m.group(2)).filter(p -> !p.isEmpty()).map(ConfigLoader::decode);
        }
        List<String> params = new ArrayList<>();
        for (String param : m.group(5) == null ? new String[0] : m.group(5).split("&")) {
            String key = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
            String val = param.contains("=") ? decode(param.substring(param.indexOf('=') + 1)) : "";
            switch (key.toLowerCase(Locale.ROOT)) {
                case "" -> { }
                case "user" -> {
                    if (!val.isEmpty()) {
                        user = Optional.of(val);
                    }
                }
                case "password" -> {
                    if (password.isEmpty() && !val.isEmpty()) {
                        password = Optional.of(val);
                    }
                }
                default -> params.add(param);
            }
        }
        String display = m.group(3) + "/" + decode(m.group(4));
        String jdbcUrl = "jdbc:postgresql://" + m.group(3) + "/" + m.group(4)
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return Optional.of(new StoreConfig.Database(jdbcUrl, user, password, display));
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** The default model: small, cheap, fast and good at tool calling. */
    static final String DEFAULT_MODEL = "gpt-4.1-mini";

    private AgentConfig agent() {
        Optional<String> key = Optional.ofNullable(value("OPENAI_API_KEY"));
        if (key.isPresent() && key.get().chars().anyMatch(c -> c <= ' ' || c > '~')) {
            problems.add("OPENAI_API_KEY must be printable ASCII without spaces");
        }
        String model = value("OPENAI_MODEL");
        if (model != null && !model.matches("[A-Za-z0-9._:/@+-]{1,100}")) {
            problems.add("OPENAI_MODEL must be a model name like " + DEFAULT_MODEL + ", got \"" + model + "\"");
        }
        return new AgentConfig(key,
                url("OPENAI_BASE_URL", "https://api.openai.com/v1"),
                model == null ? DEFAULT_MODEL : model,
                duration("OPENAI_TIMEOUT", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                url("OPEN_METEO_AIR_QUALITY_URL", "https://air-quality-api.open-meteo.com/v1/air-quality"),
                longValue("LLM_DAILY_TOKEN_BUDGET", 0, 0, Long.MAX_VALUE),
                integer("LLM_REQUESTS_PER_CHAT_PER_HOUR", 30, 1, 3600));
    }

    private LeaderElectionConfig leaderElection() {
        boolean enabled = bool("LEADER_ELECTION");
        String lease = value("LEADER_ELECTION_LEASE_NAME");
        // A Lease name is a DNS subdomain (RFC 1123).
        if (lease != null && !lease.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            problems.add("LEADER_ELECTION_LEASE_NAME must be a lower-case DNS name like weather-agent, got \""
                    + lease + "\"");
        }
        return new LeaderElectionConfig(enabled, lease == null ? "weather-agent" : lease,
                Optional.ofNullable(value("POD_NAME")), Optional.ofNullable(value("POD_NAMESPACE")));
    }

    private String onOff(String name) {
        String raw = value(name);
        if (raw != null && !raw.equalsIgnoreCase("on") && !raw.equalsIgnoreCase("off")) {
            problems.add(name + " must be on or off, got \"" + raw + "\"");
            return "on";
        }
        return raw;
    }

    private boolean bool(String name) {
        String raw = value(name);
        if (raw == null) {
            return false;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                problems.add(name + " must be true or false, got \"" + raw + "\"");
                yield false;
            }
        };
    }

    private long longValue(String name, long defaultValue, long min, long max) {
        String raw = value(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            long v = Long.parseLong(raw.replace("_", ""));
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a whole number from " + min + ", got \"" + raw + "\"");
        return defaultValue;
    }

    /** Seconds ({@code 30}), seconds with a unit ({@code 30s}, {@code 2m}) or ISO-8601 ({@code PT30S}). */
    private Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
        String raw = value(name);
        if (raw == null) {
            return defaultValue;
        }
        Duration parsed = null;
        String lower = raw.toLowerCase(Locale.ROOT);
        try {
            if (lower.matches("\\d+")) {
                parsed = Duration.ofSeconds(Long.parseLong(lower));
            } else if (lower.matches("\\d+s")) {
                parsed = Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1)));
            } else if (lower.matches("\\d+m")) {
                parsed = Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1)));
            } else if (lower.startsWith("pt")) {
                parsed = Duration.parse(raw);
            }
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed != null && parsed.compareTo(min) >= 0 && parsed.compareTo(max) <= 0) {
            return parsed;
        }
        problems.add(name + " must be a duration from " + min.toSeconds() + " s to " + max.toSeconds()
                + " s, like 30 or 30s, got \"" + raw + "\"");
        return defaultValue;
    }

    private String value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private String token() {
        String token = value("TELEGRAM_BOT_TOKEN");
        if (token == null && !requireToken) {
            return "";
        }
        if (token == null) {
            problems.add("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and pass its token");
            return "";
        }
        if (!TOKEN.matcher(token).matches()) {
            problems.add("TELEGRAM_BOT_TOKEN is malformed: expected <digits>:<30+ letters, digits, _ or ->"
                    + " as issued by @BotFather");
            return "";
        }
        return token;
    }

    private URI url(String name, String defaultValue) {
        String raw = value(name);
        if (raw == null) {
            return URI.create(defaultValue);
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below like every other malformed URL
        }
        problems.add(name + " must be an http(s) URL without query, like " + defaultValue);
        return URI.create(defaultValue);
    }

    private int integer(String name, int defaultValue, int min, int max) {
        String raw = value(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a whole number from " + min + " to " + max + ", got \"" + raw + "\"");
        return defaultValue;
    }

    private Set<Long> chatIds() {
        String raw = value("ALLOWED_CHAT_IDS");
        Set<Long> ids = new LinkedHashSet<>();
        if (raw == null) {
            return ids;
        }
        for (String part : raw.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                problems.add("ALLOWED_CHAT_IDS must be comma-separated chat ids (like 12345,-1001234567890),"
                        + " \"" + part + "\" is not one");
            }
        }
        return ids;
    }

    private Level logLevel() {
        String raw = value("LOG_LEVEL");
        if (raw == null) {
            return Level.INFO;
        }
        return switch (raw.toUpperCase(Locale.ROOT)) {
            case "TRACE", "FINEST" -> Level.FINEST;
            case "DEBUG", "FINE" -> Level.FINE;
            case "INFO" -> Level.INFO;
            case "WARN", "WARNING" -> Level.WARNING;
            case "ERROR", "SEVERE" -> Level.SEVERE;
            case "OFF" -> Level.OFF;
            default -> {
                problems.add("LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got \"" + raw + "\"");
                yield Level.INFO;
            }
        };
    }

    private LogFormat logFormat() {
        String raw = value("LOG_FORMAT");
        if (raw == null) {
            return LogFormat.TEXT;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> {
                problems.add("LOG_FORMAT must be text or json, got \"" + raw + "\"");
                yield LogFormat.TEXT;
            }
        };
    }
}
