package lexicon_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"footnote/lexicon"
)

func TestLemmas(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		word  string
		first string   // the most likely lemma
		also  []string // further lemmas that must be present
	}{
		// Irregular forms from the exception lists.
		{"sat", "sit", []string{"sat"}},
		{"led", "lead", nil},
		{"won", "win", nil},
		{"met", "meet", nil},
		{"children", "child", nil},
		{"better", "good", []string{"well", "better"}},
		{"saw", "see", []string{"saw"}},
		{"was", "be", nil},
		{"mice", "mouse", nil},
		// Regular suffix rules.
		{"talks", "talk", nil},
		{"negotiators", "negotiator", nil},
		{"churches", "church", nil},
		{"cities", "city", nil},
		{"talking", "talk", nil},
		{"agreed", "agree", nil},
		{"largest", "large", nil},
		// Case, collocations and underscores.
		{"Talks", "talk", nil},
		{"wrap_up", "wrap up", nil},
		{"wrapped up", "wrap up", nil},
		{"United Nations", "united nations", nil},
		{"prime ministers", "prime minister", nil},
		{"UN", "un", nil},
		// "glass" and "us" are not plurals (morph.c).
		{"glass", "glass", nil},
		{"us", "us", nil},
		// Unknown words come back as themselves, normalised.
		{"Umerov", "umerov", nil},
		{"the", "the", nil},
		{"  Dolmabahce   Palace ", "dolmabahce palace", nil},
		// Hyphens are spaces, as the tokenizer splits them; solid spellings
		// of hyphenated lemmas are found too.
		{"cease-fire", "cease fire", nil},
		{"ceasefire", "cease fire", nil},
		// Possessives.
		{"Kyiv's", "kyiv", nil},
		{"negotiators'", "negotiator", nil},
		{"Turkey’s", "turkey", nil},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			got := l.Lemmas(tt.word)
			if len(got) == 0 || got[0] != tt.first {
				t.Fatalf("Lemmas(%q) = %q, want %q first", tt.word, got, tt.first)
			}
			for _, a := range tt.also {
				if !slices.Contains(got, a) {
					t.Errorf("Lemmas(%q) = %q, want it to hold %q", tt.word, got, a)
				}
			}
		})
	}
	if got := l.Lemmas(""); got != nil {
		t.Errorf("Lemmas(\"\") = %q, want nil", got)
	}
}

func TestLemma(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		word string
		pos  lexicon.POS
		want string
	}{
		{"better", lexicon.Adj, "good"},
		{"better", lexicon.Adv, "well"},
		{"led", lexicon.Verb, "lead"},
		{"sat", lexicon.Verb, "sit"},
		{"sat", lexicon.Noun, "sat"},
		{"talks", lexicon.Noun, "talks"}, // a noun of its own: "discussions"
		{"meetings", lexicon.Noun, "meeting"},
		{"talks", lexicon.Verb, "talk"},
		{"negotiators", lexicon.Noun, "negotiator"},
		{"children", lexicon.Noun, "child"},
		{"quickly", lexicon.Adv, "quickly"},
		{"quickly", lexicon.Noun, "quickly"}, // no noun: returned as is
		{"Umerov", lexicon.Noun, "umerov"},
		{"talks", lexicon.POS(9), "talks"},
	}
	for _, tt := range tests {
		t.Run(tt.word+"/"+tt.pos.String(), func(t *testing.T) {
			if got := l.Lemma(tt.word, tt.pos); got != tt.want {
				t.Errorf("Lemma(%q, %v) = %q, want %q", tt.word, tt.pos, got, tt.want)
			}
		})
	}
}

func TestRelated(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		a, b string
		want lexicon.Relation
	}{
		{"sat", "sitting", lexicon.SameLemma},
		{"talks", "talk", lexicon.SameLemma},
		{"Umerov", "umerov", lexicon.SameLemma},
		{"UN", "United Nations", lexicon.Synonym},
		{"backing", "support", lexicon.Synonym},
		{"talks", "negotiations", lexicon.Synonym},
		{"negotiators", "negotiate", lexicon.Derivation},
		{"mediate", "mediator", lexicon.Derivation},
		{"mediator", "mediation", lexicon.Derivation}, // through "mediate"
		{"Ukrainian", "Ukraine", lexicon.Derivation},  // pertainym
		{"won", "lost", lexicon.Antonym},
		{"Bosporus", "strait", lexicon.Hypernym},
		{"NATO", "alliance", lexicon.Hypernym},
		{"strait", "Bosporus", lexicon.Hyponym},
		{"wrap up", "conclude", lexicon.Coordinate}, // both ways to "end"
		{"France", "Germany", lexicon.Unrelated},    // noun siblings are rivals, not paraphrases
		{"ceasefire", "truce", lexicon.Synonym},     // solid spelling of "cease-fire"
		{"killed", "died", lexicon.Entailment},      // kill causes die
		{"died", "killed", lexicon.Entailment},
		{"cease fire", "truce", lexicon.Synonym},
		{"Umerov", "Istanbul", lexicon.Unrelated},
		{"strait", "", lexicon.Unrelated},
	}
	for _, tt := range tests {
		t.Run(tt.a+"~"+tt.b, func(t *testing.T) {
			if got := l.Related(tt.a, tt.b); got != tt.want {
				t.Errorf("Related(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestIsA(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		word, class string
		want        bool
	}{
		{"Bosporus", "strait", true},
		{"Albania", "country", true},
		{"Istanbul", "city", true},
		{"NATO", "alliance", true},
		{"negotiators", "person", true},
		{"Istanbul", "cities", true},
		{"Albania", "city", false},
		{"strait", "Bosporus", false},
		{"Umerov", "person", false}, // not in WordNet
	}
	for _, tt := range tests {
		t.Run(tt.word+"/"+tt.class, func(t *testing.T) {
			if got := l.IsA(tt.word, tt.class); got != tt.want {
				t.Errorf("IsA(%q, %q) = %v, want %v", tt.word, tt.class, got, tt.want)
			}
		})
	}
}

func TestPartOf(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		word, whole string
		want        bool
	}{
		{"Istanbul", "Turkey", true},
		{"Bosporus", "Turkey", true},
		{"Paris", "France", true},
		{"Texas", "United States", true},
		{"Istanbul", "France", false},
		{"Turkey", "Istanbul", false},
		{"Umerov", "Turkey", false},
	}
	for _, tt := range tests {
		if got := l.PartOf(tt.word, tt.whole); got != tt.want {
			t.Errorf("PartOf(%q, %q) = %v, want %v", tt.word, tt.whole, got, tt.want)
		}
	}
	if got := l.Wholes("Istanbul"); !slices.Contains(got, "turkey") {
		t.Errorf("Wholes(Istanbul) = %q, want it to hold turkey", got)
	}
}

func TestRelationLists(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		name string
		fn   func(string) []string
		word string
		want []string
		not  []string
	}{
		{"synonyms", l.Synonyms, "UN", []string{"united nations"}, []string{"un"}},
		{"synonyms", l.Synonyms, "United Nations", []string{"un"}, nil},
		{"synonyms", l.Synonyms, "wrap up", []string{"finish up"}, nil},
		{"derivations", l.Derivations, "negotiator", []string{"negotiate"}, nil},
		{"derivations", l.Derivations, "mediate", []string{"mediator", "mediation"}, nil},
		{"hypernyms", l.Hypernyms, "Bosporus", []string{"strait"}, []string{"bosporus"}},
		{"hypernyms", l.Hypernyms, "Albania", []string{"european country", "country"}, nil},
		{"hypernyms", l.Hypernyms, "NATO", []string{"alliance"}, nil},
		{"antonyms", l.Antonyms, "win", []string{"lose"}, nil},
		{"antonyms", l.Antonyms, "rise", []string{"fall"}, nil},
		{"synonyms", l.Synonyms, "Umerov", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.word, func(t *testing.T) {
			got := tt.fn(tt.word)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s(%q) = %q, want it to hold %q", tt.name, tt.word, got, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("%s(%q) = %q, must not hold %q", tt.name, tt.word, got, w)
				}
			}
			if tt.want == nil && len(got) != 0 {
				t.Errorf("%s(%q) = %q, want none", tt.name, tt.word, got)
			}
		})
	}
}

func TestHasAndPrefix(t *testing.T) {
	l := lexicon.Default()
	if l.Len() < 140_000 {
		t.Errorf("Len() = %d, want WordNet's ~147k lemmas", l.Len())
	}
	for _, w := range []string{"sit", "united nations", "United_Nations", "wrap up"} {
		if !l.Has(w) {
			t.Errorf("Has(%q) = false", w)
		}
	}
	for _, w := range []string{"sitted", "umerov", ""} {
		if l.Has(w) {
			t.Errorf("Has(%q) = true", w)
		}
	}
	if !l.HasPrefix("united ") || !l.HasPrefix("wrap u") || !l.HasPrefix("united_") {
		t.Error("HasPrefix misses multi-word lemma prefixes")
	}
	if l.HasPrefix("unite ") {
		t.Error(`HasPrefix("unite ") = true; the trailing space is a word boundary`)
	}
	if l.HasPrefix("zzzq") {
		t.Error(`HasPrefix("zzzq") = true`)
	}
}

func TestCollocation(t *testing.T) {
	l := lexicon.Default()
	tests := []struct {
		text  string
		lemma string
		n     int
	}{
		{"united nations said", "united nations", 2},
		{"prime ministers met", "prime minister", 2},
		{"wrapped up the talks", "wrap up", 2},
		{"took part in", "take part", 2},
		{"cease fire deal", "cease fire", 2},
		{"north atlantic treaty organization members", "north atlantic treaty organization", 4},
		{"the end", "", 0},
		{"umerov said", "", 0},
		{"talks", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			lemma, n := l.Collocation(strings.Fields(tt.text))
			if lemma != tt.lemma || n != tt.n {
				t.Errorf("Collocation(%q) = %q, %d; want %q, %d", tt.text, lemma, n, tt.lemma, tt.n)
			}
		})
	}
}

func TestTerm(t *testing.T) {
	l := lexicon.Default()
	a, b := l.Term("Negotiators"), l.Term("negotiated")
	if a.Word() != "negotiators" || !a.Known() {
		t.Errorf("Term(Negotiators) = %q known=%v", a.Word(), a.Known())
	}
	if got := l.RelateTerms(&a, &b); got != lexicon.Derivation {
		t.Errorf("RelateTerms = %v, want derivation", got)
	}
	var zero lexicon.Term
	if zero.Known() || l.RelateTerms(&zero, &zero) != lexicon.Unrelated {
		t.Error("the zero Term must be unknown and related to nothing")
	}
}

func TestZeroLexicon(t *testing.T) {
	var l lexicon.Lexicon
	if l.Len() != 0 || l.Has("sit") || l.IsA("Istanbul", "city") {
		t.Error("zero Lexicon knows words")
	}
	if got := l.Lemmas("sat"); !slices.Equal(got, []string{"sat"}) {
		t.Errorf("zero Lexicon Lemmas(sat) = %q", got)
	}
}

func TestDecodeRejectsBadData(t *testing.T) {
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	good, err := os.ReadFile("wordnet.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	if _, err := raw.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"not gzip":  []byte("hello"),
		"no magic":  gz([]byte("XXXXX\n")),
		"truncated": gz(raw.Bytes()[:raw.Len()/2]),
		"trailing":  gz(append(bytes.Clone(raw.Bytes()), 1, 2, 3)),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := lexicon.Decode(bytes.NewReader(data))
			if err == nil {
				t.Fatal("Decode accepted bad data")
			}
			if name != "not gzip" && !errors.Is(err, lexicon.ErrFormat) {
				t.Errorf("err = %v, want ErrFormat", err)
			}
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	data, err := os.ReadFile("wordnet.bin.gz")
	if err != nil {
		b.Fatal(err)
	}
	cpu0, ok := processCPU()
	for b.Loop() {
		if _, err := lexicon.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	if cpu1, ok1 := processCPU(); ok && ok1 {
		// Includes the garbage collector's share, which a real first load
		// also pays.
		b.ReportMetric(float64(cpu1-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}

var benchWords = []string{"sat", "negotiators", "talks", "children", "better", "the", "Umerov", "wrapped up", "cities", "agreed"}

func BenchmarkLemmas(b *testing.B) {
	l := lexicon.Default()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		l.Lemmas(benchWords[i%len(benchWords)])
	}
}

func BenchmarkRelated(b *testing.B) {
	l := lexicon.Default()
	pairs := [][2]string{{"sat", "sitting"}, {"negotiators", "negotiate"}, {"bosporus", "strait"}, {"talks", "ukraine"}, {"support", "backing"}, {"city", "run"}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := pairs[i%len(pairs)]
		l.Related(p[0], p[1])
	}
}

func BenchmarkCollocation(b *testing.B) {
	l := lexicon.Default()
	words := strings.Fields("the prime ministers of the united nations wrapped up talks on a cease fire in istanbul")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		l.Collocation(words[i%len(words):])
	}
}

func BenchmarkRelateTerms(b *testing.B) {
	l := lexicon.Default()
	words := []string{"sat", "sitting", "negotiators", "negotiate", "bosporus", "strait", "talks", "ukraine", "support", "backing", "city", "run"}
	terms := make([]lexicon.Term, len(words))
	for i, w := range words {
		terms[i] = l.Term(w)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		l.RelateTerms(&terms[i%len(terms)], &terms[(i*7+3)%len(terms)])
	}
}

// TestExpansionAgreesWithRelated checks that a precomputed Expansion gives
// the same relation as Related on pairs of every kind.
func TestExpansionAgreesWithRelated(t *testing.T) {
	l := lexicon.Default()
	words := []string{"sat", "sitting", "UN", "United Nations", "backing", "support", "negotiators",
		"negotiate", "mediator", "mediation", "Ukrainian", "Ukraine", "won", "lost", "Bosporus",
		"strait", "NATO", "alliance", "wrap up", "conclude", "France", "Germany", "ceasefire",
		"truce", "Umerov", "talks", "meeting", "city", "Istanbul", "the", "killed", "died", "snore", "sleep"}
	kinds := map[lexicon.Relation]int{}
	for _, a := range words {
		e := l.Expand(a)
		for _, b := range words {
			tb := l.Term(b)
			want := l.Related(a, b)
			if got := e.Relate(&tb); got != want {
				t.Errorf("Expand(%q).Relate(%q) = %v, Related = %v", a, b, got, want)
			}
			kinds[want]++
		}
	}
	for r := lexicon.SameLemma; r <= lexicon.Entailment; r++ {
		if kinds[r] == 0 {
			t.Errorf("no pair of kind %v: the test covers too little", r)
		}
	}
	if e := l.Expand("person"); e.Len() > lexicon.ExpansionLimit+1000 {
		t.Errorf("Expand(person) holds %d lemmas; ExpansionLimit = %d", e.Len(), lexicon.ExpansionLimit)
	}
}

func BenchmarkExpansionRelate(b *testing.B) {
	l := lexicon.Default()
	qs := []*lexicon.Expansion{l.Expand("sat"), l.Expand("negotiators"), l.Expand("strait"), l.Expand("talks")}
	words := []string{"sitting", "negotiate", "bosporus", "ukraine", "support", "backing", "city", "run", "the", "umerov"}
	terms := make([]lexicon.Term, len(words))
	for i, w := range words {
		terms[i] = l.Term(w)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		qs[i%len(qs)].Relate(&terms[i%len(terms)])
	}
}

func BenchmarkExpand(b *testing.B) {
	l := lexicon.Default()
	words := []string{"sat", "negotiators", "strait", "talks", "city", "support"}
	for i := 0; b.Loop(); i++ {
		l.Expand(words[i%len(words)])
	}
}

// TestConcurrentUse runs the lexicon from many goroutines at once, so that
// `go test -race` checks the lazy decode and the lazy hyponym index.
func TestConcurrentUse(t *testing.T) {
	done := make(chan lexicon.Relation)
	for range 8 {
		go func() {
			l := lexicon.Default()
			e := l.Expand("strait")
			tb := l.Term("Bosporus")
			done <- e.Relate(&tb)
		}()
	}
	for range 8 {
		if r := <-done; r != lexicon.Hyponym {
			t.Errorf("Expand(strait).Relate(Bosporus) = %v, want hyponym", r)
		}
	}
}
