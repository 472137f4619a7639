-- Daily forecasts: one subscription per chat, with the place as it was chosen (label, point, IANA time zone), the
-- local time and when it is next due (epoch milliseconds, computed by the bot from the local time and the zone, so
-- that the scheduler's query is a range scan on one index and needs no time zone arithmetic in SQL).
-- paused is 0 or 1 (SMALLINT: SQLite has no BOOLEAN); language is the subscriber's Telegram language, for chats on
-- "auto".
CREATE TABLE daily_subscriptions (
    chat_id    BIGINT PRIMARY KEY,
    label      VARCHAR(200)     NOT NULL,
    latitude   DOUBLE PRECISION NOT NULL,
    longitude  DOUBLE PRECISION NOT NULL,
    timezone   VARCHAR(64)      NOT NULL,
    local_time VARCHAR(5)       NOT NULL,
    language   VARCHAR(16),
    paused     SMALLINT         NOT NULL DEFAULT 0,
    next_due   BIGINT           NOT NULL,
    created_at BIGINT           NOT NULL
);

-- Only active subscriptions are ever looked for by due time.
CREATE INDEX daily_subscriptions_due ON daily_subscriptions (next_due) WHERE paused = 0;

-- One row per chat and local date: inserted (claimed) before the message goes out, sent_at set after Telegram's
-- 200. The primary key is what makes a forecast go out once, whichever instance claims it and however often.
-- outcome: sent, unreachable, refused or expired (claimed, never confirmed, and too late to send).
CREATE TABLE daily_deliveries (
    chat_id    BIGINT       NOT NULL,
    local_date VARCHAR(10)  NOT NULL,
    due_at     BIGINT       NOT NULL,
    claimed_by VARCHAR(100) NOT NULL,
    claimed_at BIGINT       NOT NULL,
    sent_at    BIGINT,
    outcome    VARCHAR(16),
    PRIMARY KEY (chat_id, local_date)
);

-- Claims still open, by age: what a crashed instance left behind is found without scanning what was sent.
CREATE INDEX daily_deliveries_open ON daily_deliveries (claimed_at) WHERE sent_at IS NULL;
