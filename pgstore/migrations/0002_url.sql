-- footnote store, version 2: the article's URL (corpus.Article.URL), shown
-- in citations.
ALTER TABLE {{schema}}.articles ADD COLUMN url text NOT NULL DEFAULT '';
ALTER TABLE {{schema}}.chunks ADD COLUMN url text NOT NULL DEFAULT '';
