// Package haystack generates deterministic synthetic news articles: a
// haystack to bury the real corpus in for scale tests and benchmarks.
//
// The articles read like wire copy on unrelated beats (labour disputes,
// trade missions, sport, weather, business, city councils, courts,
// science, culture, aviation, health, energy, fishing, technology,
// schools) with names, numbers, dates and places. On purpose they share
// the vocabulary of diplomatic news: delegations, talks, ministers,
// ceasefires, negotiations, spokesmen, meetings chaired and calls made,
// share of a market controlled, people killed according to agencies.
// They never name the people, places or events of the default articles,
// so a question about those has the same right answer with or without the
// haystack, and finding it among thousands of near-misses is a real test
// of retrieval and answering.
//
// Document i depends only on the seed and i: the same options always give
// byte-identical files, and a smaller haystack is a prefix of a larger one.
package haystack
