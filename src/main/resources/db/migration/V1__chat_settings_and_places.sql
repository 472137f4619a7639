-- One set of migrations for SQLite and PostgreSQL: only SQL both run unchanged (no identity columns, no now()).
-- The chat id is the only thing kept about a chat's people; times are epoch milliseconds.
CREATE TABLE chat_settings (
    chat_id        BIGINT PRIMARY KEY,
    units          VARCHAR(16),
    language       VARCHAR(8),
    home_label     VARCHAR(200),
    home_latitude  DOUBLE PRECISION,
    home_longitude DOUBLE PRECISION,
    home_timezone  VARCHAR(64),
    updated_at     BIGINT NOT NULL
);

-- name_key is the name as compared (NFC, lower case); the primary key is also the per-chat lookup index.
CREATE TABLE saved_places (
    chat_id    BIGINT       NOT NULL,
    name_key   VARCHAR(64)  NOT NULL,
    name       VARCHAR(64)  NOT NULL,
    label      VARCHAR(200) NOT NULL,
    latitude   DOUBLE PRECISION NOT NULL,
    longitude  DOUBLE PRECISION NOT NULL,
    timezone   VARCHAR(64)  NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (chat_id, name_key)
);
