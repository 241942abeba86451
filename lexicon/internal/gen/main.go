// Command gen compiles the WordNet 3.0 database (Debian's wordnet-base, in
// /usr/share/wordnet) into the compact lexicon that package lexicon embeds.
//
//	go run ./internal/gen -wordnet /usr/share/wordnet -out wordnet.bin.gz
//
// It keeps lemmas, the morphological exception lists, synsets (without
// glosses), sense frequencies and the relations lexicon answers about:
// hypernyms and instance hypernyms, part holonyms, derivationally related
// forms and pertainyms, antonyms, verb entailment and cause, and each
// synset's lexicographer file (its supersense). The output is deterministic: the same
// database always compiles to the same bytes.
//
// # Format
//
// A gzip stream (no name, zero time) holding, all integers as uvarints:
//
//	magic "FNWN6\n"
//	table sizes: total lemma bytes, synset members, hypernyms, part
//	  holonyms, senses, derivations, antonyms, entailments
//	nLemmas, then nLemmas front-coded lemmas in byte order
//	  (shared-prefix length, suffix length, suffix bytes)
//	nSynsets, then per synset: lexicographer file byte (the supersense,
//	  0-44, which also gives the POS),
//	  nMembers, member lemma ids, nHypernyms, hypernym ids (id<<1 | instance),
//	  nPartOf, part-holonym synset ids, nEntails, entailed or caused (or
//	  entailing or causing) verb synset ids
//	per lemma: a flags byte (bit p: has senses in POS p; bit 4:
//	  derivations; bit 5: antonyms), then per POS with senses: nSenses,
//	  synset ids in sense order, the summed SemCor tag count of the lemma
//	  in that POS; then if flagged nDerivations, lemma ids; nAntonyms,
//	  lemma ids (both symmetric)
//	per POS: nExceptions, then per exception: front-coded inflected form
//	  (sorted), nBases, base lemma ids
//	nAliases, then per alias: front-coded solid spelling of a hyphenated
//	  lemma (sorted; "ceasefire"), the lemma id ("cease fire")
//
// Lemmas are lower-cased with underscores and hyphens turned into spaces
// ("wrap up", "cease fire").
// Adjective satellites count as adjectives.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"footnote/internal/atomicfile"
)

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 database directory (Debian wordnet-base)")
	out := flag.String("out", "wordnet.bin.gz", "output file")
	flag.Parse()
	if err := run(*dir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	raw, err := Compile(dir)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(raw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return atomicfile.WriteFile(out, buf.Bytes(), 0o644)
}

// posNames are the WordNet file suffixes in lexicon POS order.
var posNames = [4]string{"noun", "verb", "adj", "adv"}

type synKey struct {
	pos    int
	offset int
}

type pointer struct {
	sym            string
	target         synKey
	source, tgtNum int // 1-based word numbers; 0 for a semantic pointer
}

type synset struct {
	key      synKey
	lexFile  int      // lexicographer file number: the supersense (lexnames(5WN))
	words    []string // lemma form, lower-cased
	pointers []pointer
}

// Compile reads the WordNet database in dir and returns the uncompressed
// lexicon bytes.
func Compile(dir string) ([]byte, error) {
	var synsets []*synset
	byKey := map[synKey]int{}
	for p, name := range posNames {
		ss, err := readData(filepath.Join(dir, "data."+name), p)
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			byKey[s.key] = len(synsets)
			synsets = append(synsets, s)
		}
	}

	// Index: lemma -> per POS synset list in sense order.
	type entry struct {
		senses [4][]int
		freq   [4]int
	}
	entries := map[string]*entry{}
	aliases := map[string][]string{} // closed-up spelling -> lemmas
	get := func(l string) *entry {
		e := entries[l]
		if e == nil {
			e = &entry{}
			entries[l] = e
		}
		return e
	}
	for p, name := range posNames {
		err := eachLine(filepath.Join(dir, "index."+name), func(f []string) error {
			if len(f) < 6 {
				return fmt.Errorf("short index line %q", strings.Join(f, " "))
			}
			lemma := normLemma(f[0])
			nSyn, err1 := strconv.Atoi(f[2])
			nPtr, err2 := strconv.Atoi(f[3])
			if err := errors.Join(err1, err2); err != nil {
				return err
			}
			offs := f[4+nPtr+2:]
			if len(offs) != nSyn {
				return fmt.Errorf("index %s: %d offsets, want %d", f[0], len(offs), nSyn)
			}
			e := get(lemma)
			if strings.Contains(f[0], "-") {
				aliases[closedUp(f[0])] = append(aliases[closedUp(f[0])], lemma)
			}
			for _, o := range offs {
				off, err := strconv.Atoi(o)
				if err != nil {
					return err
				}
				id, ok := byKey[synKey{p, off}]
				if !ok {
					return fmt.Errorf("index %s: unknown synset %s", f[0], o)
				}
				if !slices.Contains(e.senses[p], id) { // "x-ray" and "x_ray" merge
					e.senses[p] = append(e.senses[p], id)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Every member of a synset must be a lemma; WordNet guarantees it, but a
	// member missing from the index would otherwise be silently dropped.
	for _, s := range synsets {
		for _, w := range s.words {
			if entries[w] == nil {
				return nil, fmt.Errorf("synset %d member %q is not in the index", s.key.offset, w)
			}
		}
	}

	// Sense frequencies (cntlist.rev: sense_key sense_number tag_cnt).
	err := eachLine(filepath.Join(dir, "cntlist.rev"), func(f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("bad cntlist line %q", strings.Join(f, " "))
		}
		lemma, rest, ok := strings.Cut(f[0], "%")
		if !ok || rest == "" {
			return fmt.Errorf("bad sense key %q", f[0])
		}
		p := map[byte]int{'1': 0, '2': 1, '3': 2, '4': 3, '5': 2}[rest[0]]
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return err
		}
		if e := entries[normLemma(lemma)]; e != nil {
			e.freq[p] += n
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	// totals are the sizes of the flat tables, written up front so that the
	// decoder allocates each once: lemma bytes, members, hypernyms, parts,
	// senses, derivations, antonyms, entailments.
	var totals [8]int
	lemmas := make([]string, 0, len(entries))
	for l := range entries {
		lemmas = append(lemmas, l)
	}
	slices.Sort(lemmas)
	lemmaID := make(map[string]int, len(lemmas))
	for i, l := range lemmas {
		lemmaID[l] = i
	}

	// Lexical relations, lemma to lemma.
	deriv := make([][]int, len(lemmas))
	anto := make([][]int, len(lemmas))
	for _, s := range synsets {
		for _, pt := range s.pointers {
			var dst *[][]int
			switch pt.sym {
			case "+", "\\": // derivationally related form, pertainym / derived from adjective
				dst = &deriv
			case "!":
				dst = &anto
			default:
				continue
			}
			t := synsets[byKey[pt.target]]
			var srcs, tgts []string
			if pt.source == 0 {
				srcs, tgts = s.words, t.words
			} else {
				if pt.source > len(s.words) || pt.tgtNum > len(t.words) {
					return nil, fmt.Errorf("pointer word number out of range at synset %d", s.key.offset)
				}
				srcs, tgts = s.words[pt.source-1:pt.source], t.words[pt.tgtNum-1:pt.tgtNum]
			}
			for _, a := range srcs {
				for _, b := range tgts {
					if a == b {
						continue
					}
					ia, ib := lemmaID[a], lemmaID[b]
					// Both directions: pertainyms point one way only
					// (Ukrainian → Ukraine), and a relation test should
					// not depend on which word comes first.
					(*dst)[ia] = append((*dst)[ia], ib)
					(*dst)[ib] = append((*dst)[ib], ia)
				}
			}
		}
	}

	// Verb entailment (*) and cause (>), between synsets, both ways.
	ent := make([][]int, len(synsets))
	for i, s := range synsets {
		for _, pt := range s.pointers {
			if pt.sym == "*" || pt.sym == ">" {
				j := byKey[pt.target]
				ent[i] = append(ent[i], j)
				ent[j] = append(ent[j], i)
			}
		}
	}

	var w writer
	w.uv(len(lemmas))
	prev := ""
	for _, l := range lemmas {
		w.front(prev, l)
		prev = l
		totals[0] += len(l)
	}
	w.uv(len(synsets))
	for i, s := range synsets {
		if lexFilePOS(s.lexFile) != s.key.pos {
			return nil, fmt.Errorf("synset %d: lexicographer file %d is not a %s file", s.key.offset, s.lexFile, posNames[s.key.pos])
		}
		w.buf.WriteByte(byte(s.lexFile)) // also gives the POS
		members := uniq(mapIDs(s.words, lemmaID), false)
		w.ids(members)
		totals[1] += len(members)
		var hyp, part []int
		for _, pt := range s.pointers {
			switch pt.sym {
			case "@":
				hyp = append(hyp, byKey[pt.target]<<1)
			case "@i":
				hyp = append(hyp, byKey[pt.target]<<1|1)
			case "#p":
				part = append(part, byKey[pt.target])
			}
		}
		hyp, part = uniq(hyp, true), uniq(part, true)
		w.ids(hyp)
		w.ids(part)
		e := uniq(ent[i], true)
		w.ids(e)
		totals[2] += len(hyp)
		totals[3] += len(part)
		totals[7] += len(e)
	}
	for i, l := range lemmas {
		e := entries[l]
		d, a := uniq(deriv[i], true), uniq(anto[i], true)
		var flags byte
		for p := range 4 {
			if len(e.senses[p]) > 0 {
				flags |= 1 << p
			}
		}
		if len(d) > 0 {
			flags |= 1 << 4
		}
		if len(a) > 0 {
			flags |= 1 << 5
		}
		w.buf.WriteByte(flags)
		for p := range 4 {
			if len(e.senses[p]) > 0 {
				w.ids(e.senses[p])
				w.uv(e.freq[p])
				totals[4] += len(e.senses[p])
			}
		}
		if len(d) > 0 {
			w.ids(d)
		}
		if len(a) > 0 {
			w.ids(a)
		}
		totals[5] += len(d)
		totals[6] += len(a)
	}
	for p, name := range posNames {
		exc, err := readExc(filepath.Join(dir, name+".exc"))
		if err != nil {
			return nil, err
		}
		type row struct {
			form  string
			bases []int
		}
		var rows []row
		for _, form := range sortedKeys(exc) {
			var bases []int
			for _, b := range exc[form] {
				if id, ok := lemmaID[b]; ok && len(entries[b].senses[p]) > 0 {
					bases = append(bases, id)
				}
			}
			if bases = uniq(bases, false); len(bases) > 0 {
				rows = append(rows, row{form, bases})
			}
		}
		w.uv(len(rows))
		prev := ""
		for _, r := range rows {
			w.front(prev, r.form)
			prev = r.form
			w.ids(r.bases)
		}
	}
	var alias []string
	for a := range aliases {
		if _, isLemma := lemmaID[a]; !isLemma {
			alias = append(alias, a)
		}
	}
	slices.Sort(alias)
	w.uv(len(alias))
	prev = ""
	for _, a := range alias {
		w.front(prev, a)
		prev = a
		targets := aliases[a]
		slices.Sort(targets)
		w.uv(lemmaID[targets[0]])
	}

	var out writer
	out.buf.WriteString("FNWN6\n")
	for _, t := range totals {
		out.uv(t)
	}
	out.buf.Write(w.buf.Bytes())
	return out.buf.Bytes(), nil
}

// lexFilePOS returns the part of speech of a lexicographer file
// (lexnames(5WN)): 0-2 and 44 adjective/adverb files, 3-28 nouns, 29-43
// verbs.
func lexFilePOS(f int) int {
	switch {
	case f == 2:
		return 3
	case f <= 1 || f == 44:
		return 2
	case f <= 28:
		return 0
	}
	return 1
}

// normLemma lower-cases a WordNet lemma and turns underscores and hyphens
// into spaces, the way footnote's tokenizer splits "cease-fire".
func normLemma(s string) string {
	return strings.NewReplacer("_", " ", "-", " ").Replace(strings.ToLower(s))
}

// closedUp is the alias of a hyphenated lemma written solid: "cease-fire"
// is also spelt "ceasefire".
func closedUp(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(s), "-", ""), "_", " ")
}

// readData parses one data.* file.
func readData(path string, pos int) ([]*synset, error) {
	var out []*synset
	err := eachLine(path, func(f []string) error {
		if bar := slices.Index(f, "|"); bar >= 0 {
			f = f[:bar]
		}
		if len(f) < 5 {
			return fmt.Errorf("short data line at %s", f[0])
		}
		off, err := strconv.Atoi(f[0])
		if err != nil {
			return err
		}
		lex, err := strconv.Atoi(f[1])
		if err != nil || lex < 0 || lex > 63 {
			return fmt.Errorf("bad lexicographer file %q", f[1])
		}
		s := &synset{key: synKey{pos, off}, lexFile: lex}
		nw, err := strconv.ParseInt(f[3], 16, 0)
		if err != nil {
			return err
		}
		i := 4
		for range nw {
			word := f[i]
			if j := strings.IndexByte(word, '('); j > 0 && pos == 2 {
				word = word[:j] // adjective syntactic marker: "(a)", "(p)", "(ip)"
			}
			s.words = append(s.words, normLemma(word))
			i += 2
		}
		np, err := strconv.Atoi(f[i])
		if err != nil {
			return err
		}
		i++
		for range np {
			sym, toff, tpos, st := f[i], f[i+1], f[i+2], f[i+3]
			i += 4
			o, err := strconv.Atoi(toff)
			if err != nil {
				return err
			}
			tp := strings.IndexByte("nvar", tpos[0])
			if tpos == "s" {
				tp = 2
			}
			if tp < 0 {
				return fmt.Errorf("bad pointer pos %q", tpos)
			}
			src, err1 := strconv.ParseInt(st[:2], 16, 0)
			dst, err2 := strconv.ParseInt(st[2:], 16, 0)
			if err := errors.Join(err1, err2); err != nil {
				return err
			}
			s.pointers = append(s.pointers, pointer{sym, synKey{tp, o}, int(src), int(dst)})
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// readExc parses an exception list: "inflected base [base...]".
func readExc(path string) (map[string][]string, error) {
	m := map[string][]string{}
	err := eachLine(path, func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("bad exception line %q", strings.Join(f, " "))
		}
		form := normLemma(f[0])
		for _, b := range f[1:] {
			m[form] = append(m[form], normLemma(b))
		}
		return nil
	})
	return m, err
}

// eachLine calls fn with the space-separated fields of every line of path
// that does not start with a space (the licence header does).
func eachLine(path string, fn func([]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == ' ' {
			continue
		}
		if err := fn(strings.Fields(line)); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func mapIDs(words []string, id map[string]int) []int {
	out := make([]int, len(words))
	for i, w := range words {
		out[i] = id[w]
	}
	return out
}

// uniq drops repeated ids, keeping first occurrences; sorted also sorts.
func uniq(ids []int, sorted bool) []int {
	if sorted {
		slices.Sort(ids)
		return slices.Compact(ids)
	}
	var out []int
	for _, x := range ids {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

type writer struct {
	buf bytes.Buffer
	tmp [binary.MaxVarintLen64]byte
}

func (w *writer) uv(x int) {
	n := binary.PutUvarint(w.tmp[:], uint64(x))
	w.buf.Write(w.tmp[:n])
}

func (w *writer) ids(xs []int) {
	w.uv(len(xs))
	for _, x := range xs {
		w.uv(x)
	}
}

func (w *writer) front(prev, s string) {
	n := 0
	for n < len(prev) && n < len(s) && prev[n] == s[n] {
		n++
	}
	w.uv(n)
	w.uv(len(s) - n)
	w.buf.WriteString(s[n:])
}
