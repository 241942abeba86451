// Package eval grades footnote's answers against a question set (qa.jsonl)
// and runs a whole set through an answer.Answerer, measuring accuracy,
// citation precision, retrieval recall@k and latency.
package eval
