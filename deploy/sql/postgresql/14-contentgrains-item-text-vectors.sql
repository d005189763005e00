-- Each item's text vector from the sentence encoder (all-MiniLM-L6-v2: 384 dimensions), computed once off the request
-- path, kept with the hash of the text it encodes so unchanged text is not encoded again. vector: IEEE half precision
-- (f16), little-endian, 2 bytes per dimension (768 bytes for MiniLM). COLLATE "C": byte order, so the trainer's
-- paged reads (item_id > last ORDER BY item_id) mean the same here as on SQLite.
CREATE TABLE IF NOT EXISTS cg_item_text_vectors (
    item_id    text COLLATE "C" NOT NULL PRIMARY KEY,
    text_hash  bigint           NOT NULL,
    dimensions integer          NOT NULL,
    vector     bytea            NOT NULL,
    updated_ms bigint           NOT NULL
);
