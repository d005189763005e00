-- Each item's text vector from the sentence encoder (all-MiniLM-L6-v2: 384 dimensions), computed once off the request
-- path, kept with the hash of the text it encodes so unchanged text is not encoded again. vector: IEEE half precision
-- (f16), little-endian, 2 bytes per dimension (768 bytes for MiniLM). Text keys compare in byte order (BINARY), as
-- PostgreSQL's COLLATE "C" does, so paged reads mean the same on both stores.
CREATE TABLE IF NOT EXISTS cg_item_text_vectors (
    item_id    TEXT    NOT NULL PRIMARY KEY,
    text_hash  INTEGER NOT NULL,
    dimensions INTEGER NOT NULL,
    vector     BLOB    NOT NULL,
    updated_ms INTEGER NOT NULL
);
