-- Daily forecasts fetched ahead of their due time, one row per place and unit system ("50.45,30.52|METRIC"): the
-- Open-Meteo answer for that point as JSON, and when it was fetched (epoch milliseconds). Kept in the database, not
-- only in the fetching instance's memory, so that an instance taking over mid-broadcast (a restart, a new leader)
-- sends what was fetched instead of asking Open-Meteo for every place a second time.
CREATE TABLE fetched_forecasts (
    forecast_key VARCHAR(60) PRIMARY KEY,
    body         TEXT        NOT NULL,
    fetched_at   BIGINT      NOT NULL
);

CREATE INDEX fetched_forecasts_age ON fetched_forecasts (fetched_at);

-- Deliveries are kept only as long as they matter (a week of daily forecasts; alerts for a month, and each chat's
-- last one for /alerts): these indexes let the hourly clean-up find the old rows without scanning the new ones.
CREATE INDEX daily_deliveries_age ON daily_deliveries (due_at);
CREATE INDEX alert_deliveries_age ON alert_deliveries (event_end);
CREATE INDEX alert_events_age ON alert_events (until_at);
