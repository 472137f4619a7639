-- The order a chat saved its places in, as a number per chat: created_at alone ties for saves in the same
-- millisecond and reorders places when the clock is set back. Places saved before this keep their created_at order.
ALTER TABLE saved_places ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;

UPDATE saved_places SET seq = (
    SELECT COUNT(*) FROM saved_places earlier
    WHERE earlier.chat_id = saved_places.chat_id
      AND (earlier.created_at < saved_places.created_at
           OR (earlier.created_at = saved_places.created_at AND earlier.name_key <= saved_places.name_key)));

-- Also the index places() reads in order; unique, so that two saves racing past the chat's lock would fail, not tie.
CREATE UNIQUE INDEX saved_places_order ON saved_places (chat_id, seq);
