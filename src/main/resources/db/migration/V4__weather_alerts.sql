-- Weather alerts: one subscription per chat for its home place as it was at /alerts on (label, point, IANA time
-- zone). place_key is the point rounded to two decimals ("50.45,30.52"), computed by the bot, so that chats in one
-- town share one check without rounding in SQL (PostgreSQL has no ROUND for DOUBLE PRECISION with digits).
-- paused is 0 or 1 (SMALLINT: SQLite has no BOOLEAN); language is the subscriber's Telegram language, for "auto".
CREATE TABLE alert_subscriptions (
    chat_id    BIGINT PRIMARY KEY,
    place_key  VARCHAR(40)      NOT NULL,
    label      VARCHAR(200)     NOT NULL,
    latitude   DOUBLE PRECISION NOT NULL,
    longitude  DOUBLE PRECISION NOT NULL,
    timezone   VARCHAR(64)      NOT NULL,
    language   VARCHAR(16),
    paused     SMALLINT         NOT NULL DEFAULT 0,
    created_at BIGINT           NOT NULL
);

-- The subscribers of a place, looked up once per check of that place.
CREATE INDEX alert_subscriptions_place ON alert_subscriptions (place_key) WHERE paused = 0;

-- One row per distinct place with alerts on: when it is next checked (epoch milliseconds). The checks of different
-- places fall on different minutes of the hour, so that they do not all reach Open-Meteo at :00.
CREATE TABLE alert_places (
    place_key  VARCHAR(40) PRIMARY KEY,
    next_check BIGINT      NOT NULL
);

CREATE INDEX alert_places_due ON alert_places (next_check);

-- The weather event of each kind last seen at a place in one unit system ("50.45,30.52|METRIC"): its key (the
-- instant it was first seen to start) and until when it was last forecast to last. A spell seen again that starts
-- soon enough after until_at is the same event (see AlertEvents), so it is alerted once however long it lasts.
CREATE TABLE alert_events (
    place_group VARCHAR(60) NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    event_key   VARCHAR(40) NOT NULL,
    until_at    BIGINT      NOT NULL,
    PRIMARY KEY (place_group, kind)
);

-- One row per chat and event: inserted (claimed) before the alert goes out, sent_at set after Telegram's 200. The
-- primary key is what makes an alert go out once, whichever instance claims it and however often. The message is
-- kept as it was written at the claim, so that a claim taken over after a crash sends the same text, and /alerts
-- can show the last one sent. outcome: sent, unreachable, refused or expired (the event was over before it went out).
CREATE TABLE alert_deliveries (
    chat_id    BIGINT       NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    event_key  VARCHAR(40)  NOT NULL,
    event_end  BIGINT       NOT NULL,
    message    TEXT         NOT NULL,
    claimed_by VARCHAR(100) NOT NULL,
    claimed_at BIGINT       NOT NULL,
    sent_at    BIGINT,
    outcome    VARCHAR(16),
    PRIMARY KEY (chat_id, kind, event_key)
);

-- Claims still open, by age: what a crashed instance left behind is found without scanning what was sent.
CREATE INDEX alert_deliveries_open ON alert_deliveries (claimed_at) WHERE sent_at IS NULL;
