// Command train fits the offline answerer's model: a logistic-regression
// sentence ranker and a decline model, over SQuAD 2.0 dev
// (../shared/bench/squad2-dev) and the repo's own news question sets,
// with features extracted by the engine's own code (extractive.Analyze).
// It cross-validates by article, chooses the decline threshold on the
// out-of-fold risk–coverage sweep, and writes answer/extractive/weights.go.
//
// Run from the repository root:
//
//	go run ./answer/extractive/cmd/train
//
// Features are cached under the user cache directory, keyed by the
// engine's source and the question sets, so a re-run after changing only
// the fitting takes seconds.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"gonum.org/v1/gonum/optimize"

	"footnote/answer"
	"footnote/answer/extractive"
	"footnote/corpus"
	"footnote/eval"
	"footnote/internal/atomicfile"
	"footnote/retrieval"
)

// options are the fit's settings, from the command's flags.
type options struct {
	// l2 is the L2 penalty of both logistic fits.
	l2 float64
	// rankNews and declineNews are the shares of the ranker's and the
	// decline model's fit that the news sets carry (-news-share,
	// -decline-news-share): they are few but are what users ask.
	rankNews, declineNews float64
	// stack is how many inner folds (by article) give the decline model
	// out-of-fold ranker scores to learn from (-stack; 0 or 1: the
	// ranker's own in-sample scores). Stacking makes the decline model see
	// ranker scores as they are on articles the ranker never saw, as at
	// answer time.
	stack int
	// minDeclined is the least share of SQuAD dev's unanswerable
	// questions the chosen threshold declines, out of fold (-min-declined).
	minDeclined float64
	// tie is the model's Tie (-tie): how close in rank log-odds the
	// runner-up sentence must come for an answer to quote it too. The
	// decline model learns whether what the answer quotes is right.
	tie float64
	// dropped are decline features left out of the fit (-drop),
	// droppedRank rank features left out of the ranker's (-drop-rank).
	dropped, droppedRank []int
}

// record is one question's extracted features and labels.
type record struct {
	Set        string
	Question   string
	Group      string // the article, for cross-validation by article
	Answerable bool
	Analysis   extractive.Analysis
	Labels     []bool // per candidate: holds a gold answer and cites its article
}

// dataset is a question set over a corpus.
type dataset struct {
	name   string
	corpus fs.FS
	dir    string // corpus directory, "" for the embedded default
	qa     string
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run() error {
	squad := flag.String("squad", "../shared/bench/squad2-dev", "SQuAD 2.0 dev bench directory (corpus/ and qa.jsonl)")
	out := flag.String("out", "answer/extractive/weights.go", "generated Go file to write")
	folds := flag.Int("folds", 5, "cross-validation folds over articles")
	var o options
	flag.Float64Var(&o.l2, "l2", 1e-3, "L2 penalty")
	cacheDir := flag.String("cache", "", "feature cache directory (default: user cache dir/footnote-train)")
	workers := flag.Int("workers", 2, "questions analysed in parallel")
	dry := flag.Bool("n", false, "fit and report, but do not write -out")
	verbose := flag.Bool("v", false, "print the fitted weights, per-set feature means and the news sets' out-of-fold misses")
	squadEvery := flag.Int("squad-misses", 0, "with -v, also print every Nth SQuAD question's out-of-fold miss")
	fixed := flag.Float64("threshold", 0, "ship this decline threshold instead of the chosen one (experiments)")
	drop := flag.String("drop", "", "comma-separated decline features to leave out (experiments)")
	dropRank := flag.String("drop-rank", "", "comma-separated rank features the ranker leaves out; the decline model still reads them (experiments)")
	outcomes := flag.String("outcomes", "", "write each question's out-of-fold outcome as JSON lines to this file (comparing fits question by question)")
	dumpDir := flag.String("dump", "", "write the features as CSV files to this directory (experiments with other learners)")
	flag.Float64Var(&o.rankNews, "news-share", 0.3, "share of the ranker's fit the news sets carry")
	flag.Float64Var(&o.declineNews, "decline-news-share", 0.3, "share of the decline model's fit the news sets carry")
	flag.Float64Var(&o.minDeclined, "min-declined", 0.5, "least out-of-fold share of SQuAD dev's unanswerable questions the chosen threshold declines")
	flag.Float64Var(&o.tie, "tie", 1.5, "rank log-odds within which an answer quotes the runner-up sentence too (0: the best alone)")
	flag.IntVar(&o.stack, "stack", 3, "inner folds by article for the decline model's ranker scores (0: in-sample)")
	flag.Parse()
	for _, d := range strings.Split(*drop, ",") {
		if i := slices.Index(extractive.DeclineFeatureNames(), d); i >= 0 {
			o.dropped = append(o.dropped, i)
		}
	}
	for _, d := range append(strings.Split(*dropRank, ","), extractive.DeclineOnlyFeatureNames()...) {
		if i := slices.Index(extractive.RankFeatureNames(), d); i >= 0 {
			o.droppedRank = append(o.droppedRank, i)
		}
	}

	sets := []dataset{
		{name: "squad2-dev", corpus: os.DirFS(filepath.Join(*squad, "corpus")), dir: filepath.Join(*squad, "corpus"), qa: filepath.Join(*squad, "qa.jsonl")},
		{name: "news-shared", corpus: corpus.Default(), qa: "testdata/qa.jsonl"},
		{name: "news-extra", corpus: corpus.Default(), qa: "answer/extractive/testdata/extra_qa.jsonl"},
		{name: "news-probe", corpus: corpus.Default(), qa: "answer/extractive/testdata/probe_qa.jsonl"},
	}
	if *cacheDir == "" {
		d, err := os.UserCacheDir()
		if err != nil {
			d = os.TempDir()
		}
		*cacheDir = filepath.Join(d, "footnote-train")
	}
	ctx := context.Background()
	var recs []record
	for _, ds := range sets {
		rs, err := load(ctx, ds, *cacheDir, *workers)
		if err != nil {
			return fmt.Errorf("%s: %w", ds.name, err)
		}
		recs = append(recs, rs...)
	}
	fmt.Printf("questions: %d (features cached in %s)\n", len(recs), *cacheDir)
	if *dumpDir != "" {
		return dumpCSV(*dumpDir, recs)
	}

	// Cross-validation by article: every article's questions are held out
	// together, so the quoted numbers are on articles the weights never saw.
	groups := map[string]bool{}
	for _, r := range recs {
		groups[r.Group] = true
	}
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	foldOf := map[string]int{}
	for i, g := range names {
		foldOf[g] = i % *folds
	}
	oof := make([]outcome, len(recs))
	for k := 0; k < *folds; k++ {
		var train []record
		var test []int
		for i, r := range recs {
			if foldOf[r.Group] == k {
				test = append(test, i)
			} else {
				train = append(train, r)
			}
		}
		m := fit(train, o)
		for _, i := range test {
			oof[i] = judge(m, recs[i])
		}
	}
	thr := chooseThreshold(recs, oof, o.minDeclined)
	if *fixed > 0 {
		thr = *fixed
	}
	report("cross-validated by article", recs, oof, thr)
	if *outcomes != "" {
		if err := writeOutcomes(*outcomes, recs, oof, thr); err != nil {
			return err
		}
	}
	operating(recs, oof, 0.5)
	curve(recs, oof)

	final := fit(recs, o)
	final.Threshold = thr
	if *verbose {
		dump(final, recs)
		for i, r := range recs {
			// Every news miss; every squadEvery-th SQuAD one.
			if isSquad(r) && (*squadEvery <= 0 || i%*squadEvery != 0) || !r.Answerable || oof[i].correct {
				continue
			}
			best, _, _ := final.Best(r.Analysis)
			fmt.Printf("\nMISS %s p=%.2f blocked=%v %q\n  best: %.150q\n", r.Set, oof[i].p, oof[i].blocked, r.Question, r.Analysis.Candidates[max(best, 0)].Text)
			for k, c := range r.Analysis.Candidates {
				if r.Labels[k] {
					fmt.Printf("  right: %.150q\n", c.Text)
					break
				}
			}
		}
	}
	all := make([]outcome, len(recs))
	for i, r := range recs {
		all[i] = judge(final, r)
	}
	report("in-sample (final model, for reference)", recs, all, thr)
	if *dry {
		return nil
	}
	return writeModel(*out, final, len(recs), *folds)
}

// load extracts (or reads from the cache) the records of one set.
func load(ctx context.Context, ds dataset, cacheDir string, workers int) ([]record, error) {
	raw, err := os.ReadFile(ds.qa)
	if err != nil {
		return nil, err
	}
	key, err := cacheKey(ds, raw)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(cacheDir, ds.name+"-"+key+".gob")
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		var rs []record
		if err := gob.NewDecoder(f).Decode(&rs); err == nil {
			return rs, nil
		}
	}
	cases, err := eval.Load(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	articles := articleFields(raw)
	start := time.Now()
	ix, err := retrieval.Open(ctx, retrieval.Options{Embedder: retrieval.NewLocalEmbedder(0)}, corpus.Articles(ctx, ds.corpus, corpus.WalkOptions{}))
	if err != nil {
		return nil, err
	}
	e := extractive.New(ix, extractive.Options{})
	rs := make([]record, len(cases))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	next := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(cases) {
					return
				}
				r, err := extract(ctx, e, ds.name, cases[i], articles[cases[i].ID])
				if err != nil && !errors.Is(err, answer.ErrEmptyQuestion) && !errors.Is(err, answer.ErrQuestionTooLong) {
					mu.Lock()
					firstErr = err
					mu.Unlock()
				}
				rs[i] = r
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	fmt.Printf("%s: %d questions analysed in %s\n", ds.name, len(cases), time.Since(start).Round(time.Millisecond))
	if err := os.MkdirAll(cacheDir, 0o755); err == nil {
		tmp := path + ".tmp"
		if f, err := os.Create(tmp); err == nil {
			werr := gob.NewEncoder(f).Encode(rs)
			if cerr := f.Close(); werr == nil && cerr == nil {
				_ = os.Rename(tmp, path)
			} else {
				_ = os.Remove(tmp)
			}
		}
	}
	return rs, nil
}

// cacheKey hashes the engine's sources, those of the word knowledge and
// retrieval it reads (lexicon, wordvec, retrieval and their embedded
// tables: a change to lexicon.Siblings or to the stemmer changes the
// features too) and the question set, so features are re-extracted
// whenever any of them changes.
func cacheKey(ds dataset, qa []byte) (string, error) {
	h := sha256.New()
	h.Write(qa)
	h.Write([]byte(ds.dir))
	files, err := filepath.Glob("answer/extractive/*.go")
	if err != nil || len(files) == 0 {
		return "", fmt.Errorf("run from the repository root (answer/extractive not found)")
	}
	for _, dir := range []string{"lexicon", "wordvec", "retrieval"} {
		more, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			return "", fmt.Errorf("cache key: %w", err)
		}
		files = append(files, more...)
	}
	// The embedded WordNet and word-vector tables.
	files = append(files, "lexicon/wordnet.bin.gz", "wordvec/glove.bin.gz")
	for _, f := range files {
		// model.go turns cached features into decisions; it does not change them.
		if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "weights.go") || strings.HasSuffix(f, "model.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// extract analyses one case and labels its candidates with eval's own
// grading: a candidate is right when an answer quoting it would pass.
func extract(ctx context.Context, e *extractive.Engine, set string, c eval.Case, article string) (record, error) {
	r := record{Set: set, Question: c.Question, Answerable: c.Expect.Answered, Group: group(set, c, article)}
	a, err := e.Analyze(ctx, answer.Request{Question: c.Question, History: answer.QuestionTurns(c.History)})
	if err != nil {
		return r, err
	}
	r.Analysis = a
	r.Labels = make([]bool, len(a.Candidates))
	if !c.Expect.Answered {
		return r, nil
	}
	for i, s := range a.Candidates {
		ok, _ := eval.Grade(c, answer.Answer{Answered: true, Text: s.Context, Citations: []answer.Citation{{N: 1, Source: s.Source}}})
		r.Labels[i] = ok
	}
	return r, nil
}

// group is the article a case is about: its first expected source or the
// article field of a SQuAD unanswerable.
func group(set string, c eval.Case, article string) string {
	if len(c.Expect.SourcesAny) > 0 {
		return c.Expect.SourcesAny[0]
	}
	if strings.HasPrefix(set, "news") {
		// The news sets' unanswerable questions have no article; spread
		// them over folds by id.
		return fmt.Sprintf("news-unanswerable-%d", len(c.ID)%3+int(c.ID[len(c.ID)-1])%3)
	}
	if article != "" {
		return article
	}
	return set + ":" + c.ID
}

// outcome is how the model did on one question.
type outcome struct {
	p       float64 // decline model's probability
	correct bool    // what an answer quotes (the best sentence, and the runner-up in a tie) is right
	top1    bool    // the best sentence alone is right
	tied    bool    // an answer quotes the runner-up too
	blocked bool    // declined by the named-detail rule whatever p is
}

// quotesRight reports whether an answerable question's answer, quoting
// its best candidate and its tied runner-up (-1 for none), quotes a right
// sentence.
func quotesRight(r record, best, runner int) bool {
	return r.Answerable && (r.Labels[best] || runner >= 0 && r.Labels[runner])
}

// answers reports whether the engine answers at threshold t.
func (o outcome) answers(t float64) bool { return !o.blocked && o.p >= t }

// writeOutcomes writes one JSON line per question: its set, text, whether
// it is answerable, the out-of-fold decline probability and whether the
// engine would be right at threshold t.
func writeOutcomes(path string, recs []record, out []outcome, t float64) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i, r := range recs {
		o := out[i]
		answers := o.answers(t)
		right := answers && o.correct || !answers && !r.Answerable
		if err := enc.Encode(map[string]any{"set": r.Set, "question": r.Question, "answerable": r.Answerable, "p": math.Round(o.p*1000) / 1000, "answered": answers, "right": right}); err != nil {
			return err
		}
	}
	return atomicfile.WriteFile(path, b.Bytes(), 0o644)
}

func judge(m extractive.Model, r record) outcome {
	m.Threshold = 0
	best, runner, p, ok := m.Decide(r.Analysis)
	if best < 0 {
		return outcome{blocked: true}
	}
	return outcome{p: p, correct: quotesRight(r, best, runner), top1: r.Answerable && r.Labels[best], tied: runner >= 0, blocked: !ok}
}

// rates returns, at threshold t, the share of answerable questions
// answered correctly and the share of unanswerable ones declined, over
// the records that pass keep.
func rates(recs []record, out []outcome, t float64, keep func(record) bool) (ansAcc, unDecl float64, nAns, nUn int, answered, wrong int) {
	var okA, okU int
	for i, r := range recs {
		if !keep(r) {
			continue
		}
		o := out[i]
		answers := o.answers(t)
		if answers {
			answered++
			if !o.correct {
				wrong++
			}
		}
		if r.Answerable {
			nAns++
			if answers && o.correct {
				okA++
			}
		} else {
			nUn++
			if !answers {
				okU++
			}
		}
	}
	if nAns > 0 {
		ansAcc = float64(okA) / float64(nAns)
	}
	if nUn > 0 {
		unDecl = float64(okU) / float64(nUn)
	}
	return
}

func isSquad(r record) bool { return r.Set == "squad2-dev" }
func isNews(r record) bool  { return r.Set != "squad2-dev" }

// chooseThreshold picks the threshold on the out-of-fold sweep that
// maximises the mean of two accuracies: SQuAD dev's balanced accuracy
// (the mean of answerable correct and unanswerable declined) and the news
// sets' accuracy (what users ask), among the thresholds that decline at
// least minDeclined of SQuAD dev's unanswerable questions (the operating
// point issue 15 sets).
func chooseThreshold(recs []record, out []outcome, minDeclined float64) float64 {
	best, bestT := -1.0, 0.5
	for t := 0.05; t < 0.96; t += 0.01 {
		a, u, _, _, _, _ := rates(recs, out, t, isSquad)
		if u < minDeclined {
			continue
		}
		na, nu, nA, nU, _, _ := rates(recs, out, t, isNews)
		news := (na*float64(nA) + nu*float64(nU)) / float64(max(nA+nU, 1))
		if s := ((a+u)/2 + news) / 2; s > best+1e-9 {
			best, bestT = s, t
		}
	}
	return math.Round(bestT*100) / 100
}

func report(title string, recs []record, out []outcome, t float64) {
	fmt.Printf("\n%s, threshold %.2f:\n", title, t)
	for _, set := range []struct {
		name string
		keep func(record) bool
	}{{"squad2-dev", isSquad}, {"news sets", isNews}} {
		a, u, na, nu, answered, wrong := rates(recs, out, t, set.keep)
		top1, tied := 0, 0
		for i, r := range recs {
			if set.keep(r) && r.Answerable && out[i].top1 {
				top1++
			}
			if set.keep(r) && out[i].answers(t) && out[i].tied {
				tied++
			}
		}
		ceiling := 0
		for _, r := range recs {
			if set.keep(r) && r.Answerable && slices.Contains(r.Labels, true) {
				ceiling++
			}
		}
		fmt.Printf("  %-10s some candidate right %.3f\n", set.name, float64(ceiling)/float64(max(na, 1)))
		fmt.Printf("  %-10s answerable correct %.3f (%d), unanswerable declined %.3f (%d), best sentence right %.3f, answered %d (%d quoting two tied sentences), wrong %d\n",
			set.name, a, na, u, nu, float64(top1)/float64(max(na, 1)), answered, tied, wrong)
	}
}

// operating prints, for comparing fits whatever threshold each chose, the
// share of SQuAD dev's answerable questions answered right at the least
// threshold that declines at least declined of its unanswerable ones, and
// the news sets' answerable correct there.
func operating(recs []record, out []outcome, declined float64) {
	for t := 0.0; t < 1; t += 0.0025 {
		a, u, _, _, _, _ := rates(recs, out, t, isSquad)
		if u < declined {
			continue
		}
		na, nu, _, _, answered, wrong := rates(recs, out, t, isNews)
		fmt.Printf("  at SQuAD declined %.3f (threshold %.4f): SQuAD answerable %.3f; news answerable %.3f, declined %.3f, wrong %d of %d answered\n",
			u, t, a, na, nu, wrong, answered)
		return
	}
	fmt.Printf("  no threshold declines %.3f of SQuAD's unanswerable questions\n", declined)
}

// curve prints the out-of-fold risk–coverage points on SQuAD dev.
func curve(recs []record, out []outcome) {
	for _, set := range []struct {
		name string
		keep func(record) bool
	}{{"squad2-dev", isSquad}, {"news sets", isNews}} {
		fmt.Printf("\nrisk–coverage on %s (out of fold): threshold, coverage, risk, answerable correct, unanswerable declined, accuracy\n", set.name)
		for t := 0.05; t < 0.9; t += 0.05 {
			a, u, na, nu, answered, wrong := rates(recs, out, t, set.keep)
			fmt.Printf("  %.2f  %.3f  %.3f  %.3f  %.3f  %.3f\n", t, float64(answered)/float64(max(na+nu, 1)), float64(wrong)/float64(max(answered, 1)), a, u,
				(a*float64(na)+u*float64(nu))/float64(max(na+nu, 1)))
		}
	}
}

// fit trains the ranker on the answerable questions' candidates, then the
// decline model on every question's best candidate under that ranker.
func fit(recs []record, o options) extractive.Model {
	// The news sets are few but are what users ask: weight them so they
	// count the given share of the total.
	nNews, nSquad := 0, 0
	for _, r := range recs {
		if isNews(r) {
			nNews++
		} else {
			nSquad++
		}
	}
	weight := func(r record, share float64) float64 {
		if isNews(r) && nNews > 0 {
			return share * float64(nSquad) / ((1 - share) * float64(nNews))
		}
		return 1
	}
	rank := func(recs []record) extractive.LogReg {
		var lists []list
		for _, r := range recs {
			if !r.Answerable || !slices.Contains(r.Labels, true) {
				continue
			}
			l := list{w: weight(r, o.rankNews)}
			for i, c := range r.Analysis.Candidates {
				x := c.Features
				if len(o.droppedRank) > 0 {
					x = slices.Clone(x)
					for _, d := range o.droppedRank {
						x[d] = 0
					}
				}
				l.xs = append(l.xs, x)
				l.pos = append(l.pos, r.Labels[i])
			}
			lists = append(lists, l)
		}
		return listwise(lists, extractive.RankFeatureNames(), o.l2)
	}
	m := extractive.Model{Rank: rank(recs), Tie: o.tie}
	// The decline model learns from the ranker's scores on questions it
	// was not fitted on (stacking by article), as it will meet them: the
	// in-sample scores are more confident than any new question's.
	scorer := make([]extractive.Model, len(recs))
	for i := range scorer {
		scorer[i] = m
	}
	if o.stack > 1 {
		fold := map[string]int{}
		for _, r := range recs {
			if _, ok := fold[r.Group]; !ok {
				fold[r.Group] = len(fold) % o.stack
			}
		}
		for k := range o.stack {
			var in []record
			for _, r := range recs {
				if fold[r.Group] != k {
					in = append(in, r)
				}
			}
			mk := extractive.Model{Rank: rank(in), Tie: o.tie}
			for i, r := range recs {
				if fold[r.Group] == k {
					scorer[i] = mk
				}
			}
		}
	}
	var xs [][]float64
	var ys, ws []float64
	yesNo := slices.Index(extractive.DeclineFeatureNames(), "yes_no")
	for i, r := range recs {
		best, runner, x := scorer[i].Best(r.Analysis)
		if best < 0 {
			continue
		}
		for _, d := range o.dropped {
			x[d] = 0
		}
		if isSquad(r) && x[yesNo] == 1 {
			// SQuAD's answers are spans, so its yes/no questions are
			// unanswerable by the format, not for want of evidence: they
			// would teach the model to decline every yes/no question.
			continue
		}
		xs = append(xs, x)
		ys = append(ys, b2f(quotesRight(r, best, runner)))
		ws = append(ws, weight(r, o.declineNews))
	}
	m.Decline = logistic(xs, ys, ws, extractive.DeclineFeatureNames(), o.l2)
	return m
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// logistic fits an L2-regularised logistic regression with gonum's
// L-BFGS on standardised features.
func logistic(xs [][]float64, ys, ws []float64, names []string, l2 float64) extractive.LogReg {
	d := len(names)
	mean, scale := standardiser(xs, d)
	z := standardise(xs, mean, scale)
	n := 0.0
	for _, w := range ws {
		n += w
	}
	n = math.Max(n, 1)
	// Parameters: d weights then the bias.
	loss := func(w []float64) float64 {
		s := 0.0
		for i, x := range z {
			t := w[d]
			for j := range d {
				t += w[j] * x[j]
			}
			// log(1+e^t) - y t, computed stably.
			s += ws[i] * (softplus(t) - ys[i]*t)
		}
		r := 0.0
		for j := range d {
			r += w[j] * w[j]
		}
		return s/n + l2*r
	}
	grad := func(g, w []float64) {
		for j := range g {
			g[j] = 0
		}
		for i, x := range z {
			t := w[d]
			for j := range d {
				t += w[j] * x[j]
			}
			e := ws[i] * (1/(1+math.Exp(-t)) - ys[i])
			for j := range d {
				g[j] += e * x[j]
			}
			g[d] += e
		}
		for j := range g {
			g[j] /= n
		}
		for j := range d {
			g[j] += 2 * l2 * w[j]
		}
	}
	p := optimize.Problem{Func: loss, Grad: grad}
	res, err := optimize.Minimize(p, make([]float64, d+1), &optimize.Settings{MajorIterations: 300}, &optimize.LBFGS{})
	w := make([]float64, d+1)
	if res != nil {
		copy(w, res.X)
	}
	if err != nil && res == nil {
		fmt.Fprintln(os.Stderr, "train: optimiser:", err)
	}
	return extractive.LogReg{Names: names, Mean: mean, Scale: scale, Weights: w[:d], Bias: w[d]}
}

func softplus(t float64) float64 {
	if t > 30 {
		return t
	}
	return math.Log1p(math.Exp(t))
}

// articleFields reads the "article" annotation SQuAD's unanswerable cases
// carry (eval.Case does not keep it), by case id.
func articleFields(raw []byte) map[string]string {
	out := map[string]string{}
	for _, line := range bytes.Split(raw, []byte("\n")) {
		var v struct {
			ID      string `json:"id"`
			Article string `json:"article"`
		}
		if json.Unmarshal(line, &v) == nil && v.Article != "" {
			out[v.ID] = v.Article
		}
	}
	return out
}

// writeModel writes m as the generated Go file path, atomically.
func writeModel(path string, m extractive.Model, n, folds int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "// Code generated by go run ./answer/extractive/cmd/train; DO NOT EDIT.\n")
	fmt.Fprintf(&b, "// Regenerate from the repository root with ../shared/bench/squad2-dev present:\n")
	fmt.Fprintf(&b, "//\n//\tgo run ./answer/extractive/cmd/train\n//\n")
	fmt.Fprintf(&b, "// Fitted on %d questions (SQuAD 2.0 dev + the repo's news sets); decline\n", n)
	fmt.Fprintf(&b, "// threshold chosen on the %d-fold by-article out-of-fold risk–coverage sweep.\n\n", folds)
	b.WriteString("package extractive\n\n")
	b.WriteString("// trainedModel returns the fitted model.\nfunc trainedModel() Model {\n\treturn Model{\n")
	writeLR(&b, "Rank", "rankFeatureNames", m.Rank)
	writeLR(&b, "Decline", "declineFeatureNames", m.Decline)
	fmt.Fprintf(&b, "\t\tThreshold: %s,\n\t\tTie: %s,\n\t}\n}\n", num(m.Threshold), num(m.Tie))
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return fmt.Errorf("format generated file: %w", err)
	}
	if err := atomicfile.WriteFile(path, src, 0o644); err != nil {
		return err
	}
	fmt.Println("wrote", path)
	return nil
}

func writeLR(b *strings.Builder, field, names string, m extractive.LogReg) {
	fmt.Fprintf(b, "\t\t%s: LogReg{\n\t\t\tNames: %s,\n", field, names)
	for _, v := range []struct {
		name string
		xs   []float64
	}{{"Mean", m.Mean}, {"Scale", m.Scale}, {"Weights", m.Weights}} {
		fmt.Fprintf(b, "\t\t\t%s: []float64{", v.name)
		for i, x := range v.xs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(num(x))
		}
		b.WriteString("},\n")
	}
	fmt.Fprintf(b, "\t\t\tBias: %s,\n\t\t},\n", num(m.Bias))
}

func num(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// list is one question's candidates for the listwise ranking loss.
type list struct {
	w   float64
	xs  [][]float64
	pos []bool
}

// listwise fits the ranker with a listwise loss: the negative log of the
// softmax mass the scores put on the question's right sentences, averaged
// over questions, plus an L2 penalty; minimised with gonum's L-BFGS.
func listwise(lists []list, names []string, l2 float64) extractive.LogReg {
	d := len(names)
	var all [][]float64
	for _, l := range lists {
		all = append(all, l.xs...)
	}
	mean, scale := standardiser(all, d)
	zs := make([][][]float64, len(lists))
	for i, l := range lists {
		zs[i] = standardise(l.xs, mean, scale)
	}
	n := 0.0
	for _, l := range lists {
		n += l.w
	}
	n = math.Max(n, 1)
	eval := func(w, g []float64) float64 {
		if g != nil {
			for j := range g {
				g[j] = 0
			}
		}
		total := 0.0
		for i, l := range lists {
			z := zs[i]
			s := make([]float64, len(z))
			mx := math.Inf(-1)
			for k, x := range z {
				for j := range d {
					s[k] += w[j] * x[j]
				}
				mx = math.Max(mx, s[k])
			}
			var sa, sp float64
			for k := range z {
				e := math.Exp(s[k] - mx)
				sa += e
				if l.pos[k] {
					sp += e
				}
			}
			total += l.w * (math.Log(sa) - math.Log(sp))
			if g != nil {
				for k, x := range z {
					e := math.Exp(s[k] - mx)
					c := e / sa
					if l.pos[k] {
						c -= e / sp
					}
					c *= l.w
					for j := range d {
						g[j] += c * x[j]
					}
				}
			}
		}
		r := 0.0
		for j := range d {
			r += w[j] * w[j]
		}
		if g != nil {
			for j := range d {
				g[j] = g[j]/n + 2*l2*w[j]
			}
		}
		return total/n + l2*r
	}
	p := optimize.Problem{
		Func: func(w []float64) float64 { return eval(w, nil) },
		Grad: func(g, w []float64) { eval(w, g) },
	}
	res, err := optimize.Minimize(p, make([]float64, d), &optimize.Settings{MajorIterations: 300}, &optimize.LBFGS{})
	w := make([]float64, d)
	if res != nil {
		copy(w, res.X)
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "train: optimiser:", err)
	}
	return extractive.LogReg{Names: names, Mean: mean, Scale: scale, Weights: w}
}

// standardiser returns each feature's mean and standard deviation (0 for
// a constant feature).
func standardiser(xs [][]float64, d int) (mean, scale []float64) {
	mean, scale = make([]float64, d), make([]float64, d)
	n := float64(max(len(xs), 1))
	for _, x := range xs {
		for j := range d {
			mean[j] += x[j]
		}
	}
	for j := range d {
		mean[j] /= n
	}
	for _, x := range xs {
		for j := range d {
			scale[j] += (x[j] - mean[j]) * (x[j] - mean[j])
		}
	}
	for j := range d {
		scale[j] = math.Sqrt(scale[j] / n)
		if scale[j] < 1e-9 {
			scale[j] = 0
		}
	}
	return mean, scale
}

func standardise(xs [][]float64, mean, scale []float64) [][]float64 {
	z := make([][]float64, len(xs))
	for i, x := range xs {
		z[i] = make([]float64, len(mean))
		for j := range mean {
			if scale[j] > 0 {
				z[i][j] = (x[j] - mean[j]) / scale[j]
			}
		}
	}
	return z
}

// dump prints the fitted weights and, per set, the mean decline features
// of answerable and unanswerable questions.
func dump(m extractive.Model, recs []record) {
	fmt.Println("\nrank weights:")
	for i, n := range m.Rank.Names {
		fmt.Printf("  %-16s %7.3f\n", n, m.Rank.Weights[i])
	}
	type acc struct {
		n   int
		sum []float64
	}
	means := map[string]*acc{}
	for _, r := range recs {
		_, _, x := m.Best(r.Analysis)
		if x == nil {
			continue
		}
		k := fmt.Sprintf("%s/%v", strings.SplitN(r.Set, "-", 2)[0], r.Answerable)
		a := means[k]
		if a == nil {
			a = &acc{sum: make([]float64, len(x))}
			means[k] = a
		}
		a.n++
		for j, v := range x {
			a.sum[j] += v
		}
	}
	keys := []string{"squad2/true", "squad2/false", "news/true", "news/false"}
	fmt.Printf("\n%-16s %8s", "decline feature", "weight")
	for _, k := range keys {
		fmt.Printf(" %12s", k)
	}
	fmt.Println()
	for i, n := range m.Decline.Names {
		fmt.Printf("%-16s %8.3f", n, m.Decline.Weights[i])
		for _, k := range keys {
			if a := means[k]; a != nil {
				fmt.Printf(" %12.3f", a.sum[i]/float64(a.n))
			}
		}
		fmt.Println()
	}
	fmt.Printf("decline bias %.3f\n", m.Decline.Bias)
}

// dumpCSV writes every candidate's rank features (rank.csv) for trying
// other learners outside the repository.
func dumpCSV(dir string, recs []record) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("q,set,group,answerable,label")
	for _, n := range extractive.RankFeatureNames() {
		b.WriteString("," + n)
	}
	for i := range len(recs[0].Analysis.Question) {
		fmt.Fprintf(&b, ",q%d", i)
	}
	b.WriteString("\n")
	for qi, r := range recs {
		for k, c := range r.Analysis.Candidates {
			fmt.Fprintf(&b, "%d,%s,%q,%v,%v", qi, r.Set, r.Group, b2f(r.Answerable), b2f(r.Labels[k]))
			for _, v := range c.Features {
				b.WriteString("," + num(v))
			}
			for _, v := range r.Analysis.Question {
				b.WriteString("," + num(v))
			}
			b.WriteString("\n")
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "rank.csv"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	var t bytes.Buffer
	enc := json.NewEncoder(&t)
	for qi, r := range recs {
		texts := make([]string, len(r.Analysis.Candidates))
		for k, c := range r.Analysis.Candidates {
			texts[k] = c.Text
		}
		if err := enc.Encode(map[string]any{"q": qi, "question": r.Question, "candidates": texts}); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "text.jsonl"), t.Bytes(), 0o644)
}
