-- footnote store, version 1. {{schema}} is replaced by the quoted schema
-- name; the vector extension is created before migrations run.

CREATE TABLE {{schema}}.meta (
	id         int PRIMARY KEY CHECK (id = 1),
	embedder   text NOT NULL DEFAULT '',  -- Embedder.Key of the stored vectors
	dim        int NOT NULL DEFAULT 0,    -- their dimension; 0 before the first sync
	chunks     bigint NOT NULL DEFAULT 0, -- live chunks (BM25 N)
	terms      bigint NOT NULL DEFAULT 0, -- analysed terms over live chunks (BM25 average length)
	generation bigint NOT NULL DEFAULT 0  -- bumped by every committed change
);
INSERT INTO {{schema}}.meta (id) VALUES (1);

CREATE TABLE {{schema}}.articles (
	source     text PRIMARY KEY,
	title      text NOT NULL,
	date       date,
	hash       bytea NOT NULL,  -- retrieval.ArticleHash
	chunks     int NOT NULL,
	size       bigint NOT NULL,
	indexed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE {{schema}}.chunks (
	id         text PRIMARY KEY,
	source     text NOT NULL REFERENCES {{schema}}.articles (source) ON DELETE CASCADE,
	ord        int NOT NULL,
	title      text NOT NULL,
	date       date,
	body       text NOT NULL,
	start_byte int NOT NULL,
	end_byte   int NOT NULL,
	embedding  vector,           -- unit length; NULL for a zero vector. Typed vector(d) with an HNSW index once d is known
	lexemes    tsvector NOT NULL, -- retrieval's analysed terms with their positions
	n_terms    int NOT NULL       -- BM25 document length
);
CREATE INDEX chunks_source ON {{schema}}.chunks (source);
CREATE INDEX chunks_date ON {{schema}}.chunks (date);
CREATE INDEX chunks_lexemes ON {{schema}}.chunks USING gin (lexemes);

-- Document frequencies and surface spellings: what query analysis
-- (spelling correction, IDF) reads, kept in step with chunks.
CREATE TABLE {{schema}}.terms (
	term text PRIMARY KEY,
	df   int NOT NULL
);
CREATE TABLE {{schema}}.spellings (
	word text PRIMARY KEY,
	term text NOT NULL,
	df   int NOT NULL
);

-- Conversation state shared by every bot process.
CREATE TABLE {{schema}}.history (
	id       bigserial PRIMARY KEY,
	conv     text NOT NULL,
	question text NOT NULL,
	answer   text NOT NULL,
	at       timestamptz NOT NULL
);
CREATE INDEX history_conv ON {{schema}}.history (conv, id);
CREATE INDEX history_at ON {{schema}}.history (at);

CREATE TABLE {{schema}}.rate_limits (
	user_id text PRIMARY KEY,
	tokens  float8 NOT NULL,
	at      timestamptz NOT NULL
);
CREATE INDEX rate_limits_at ON {{schema}}.rate_limits (at);
