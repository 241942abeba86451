package haystack

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"footnote/lexicon"
)

// article holds what stays fixed within one generated article, so that its
// sentences talk about the same people, places and organisations.
type article struct {
	rng        *rand.Rand
	topic      topic
	date       time.Time
	home, away place
	p1, p2     person
	r1, r2     string
	org, co    string
	co2        string
	team       string
	team2      string
	ministry   string
	sector     string
	product    string
	storm      string
	agency     string
	species    string
}

// person is a generated full name.
type person struct{ first, last string }

func (p person) String() string { return p.first + " " + p.last }

// firstDay and days bound the generated dates: 2024 and 2025.
var firstDay = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

const days = 731

func newArticle(rng *rand.Rand) *article {
	a := &article{rng: rng}
	a.topic = topics[rng.IntN(len(topics))]
	a.date = firstDay.AddDate(0, 0, rng.IntN(days))
	a.home = pick(rng, places)
	for a.away = pick(rng, places); a.away.country == a.home.country; a.away = pick(rng, places) {
	}
	a.p1, a.p2 = a.person(), a.person()
	for a.p2.last == a.p1.last {
		a.p2 = a.person()
	}
	a.org = a.home.city + " " + pick(rng, orgNouns)
	a.co = pick(rng, companies)
	for a.co2 = pick(rng, companies); a.co2 == a.co; a.co2 = pick(rng, companies) {
	}
	a.team = pick(rng, teams)
	for a.team2 = pick(rng, teams); a.team2 == a.team; a.team2 = pick(rng, teams) {
	}
	a.ministry = pick(rng, ministries)
	a.sector = pick(rng, sectors)
	a.product = pick(rng, products)
	a.storm = pick(rng, storms)
	a.agency = pick(rng, agencies)
	a.species = pick(rng, species)
	// Roles may name the organisations above, so they are filled last.
	a.r1 = a.fill(pick(rng, a.topic.roles1))
	a.r2 = a.fill(pick(rng, a.topic.roles2))
	return a
}

func (a *article) person() person {
	return person{pick(a.rng, firstNames), pick(a.rng, surnames)}
}

var species = []string{"mackerel", "herring", "tuna", "hake", "squid", "anchovy", "cod"}

// fill replaces each {slot} of a template. An unknown slot is left as it
// is, which the package test catches.
func (a *article) fill(tmpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:i])
		b.WriteString(a.slot(tmpl[i+1 : i+j]))
		tmpl = tmpl[i+j+1:]
	}
	// A sentence may open with a lowercase role ("mayor of Cork said").
	s := b.String()
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// slot returns the text for one slot: article constants first, then fresh
// random values.
func (a *article) slot(name string) string {
	if v, ok := a.fixedSlot(name); ok {
		return v
	}
	return a.randomSlot(name)
}

func (a *article) fixedSlot(name string) (string, bool) {
	switch name {
	case "p1":
		return a.p1.String(), true
	case "s1":
		return a.p1.last, true
	case "r1":
		return a.r1, true
	case "p2":
		return a.p2.String(), true
	case "s2":
		return a.p2.last, true
	case "r2":
		return a.r2, true
	case "city":
		return a.home.city, true
	case "country":
		return a.home.country, true
	case "adj":
		return a.home.adjective, true
	case "city2":
		return a.away.city, true
	case "country2":
		return a.away.country, true
	case "adj2":
		return a.away.adjective, true
	case "org":
		return a.org, true
	case "co":
		return a.co, true
	case "co2":
		return a.co2, true
	case "team":
		return a.team, true
	case "team2":
		return a.team2, true
	case "min":
		return a.ministry, true
	case "sector":
		return a.sector, true
	case "product":
		return a.product, true
	case "storm":
		return a.storm, true
	case "agency":
		return a.agency, true
	case "species":
		return a.species, true
	case "day":
		return a.date.Weekday().String(), true
	}
	return "", false
}

func (a *article) randomSlot(name string) string {
	r := a.rng
	switch name {
	case "p":
		return a.person().String()
	case "day2":
		return a.date.AddDate(0, 0, 1+r.IntN(4)).Weekday().String()
	case "n":
		return lexicon.NumberWord(2 + r.IntN(11)) // two..twelve
	case "n2":
		return fmt.Sprint(13 + r.IntN(28))
	case "num":
		return fmt.Sprint(3 + r.IntN(58))
	case "big":
		return withCommas(1200 + r.IntN(94_000))
	case "pct", "pct2":
		return fmt.Sprint(2 + r.IntN(77))
	case "money", "money2":
		return fmt.Sprintf("$%d.%d %s", 1+r.IntN(900), r.IntN(10), pick(r, []string{"million", "million", "billion"}))
	case "year":
		return fmt.Sprint(1998 + r.IntN(25))
	case "year2":
		return fmt.Sprint(2026 + r.IntN(7))
	case "month":
		return time.Month(1 + r.IntN(12)).String()
	case "time":
		return fmt.Sprintf("%02d:%02d", 7+r.IntN(14), 15*r.IntN(4))
	case "dur":
		return pick(r, durations)
	case "verdict":
		return pick(r, verdicts)
	case "callsign":
		return pick(r, callSigns)
	case "score":
		w := 1 + r.IntN(4)
		return fmt.Sprintf("%d-%d", w, r.IntN(w))
	case "draw":
		g := r.IntN(4)
		return fmt.Sprintf("%d-%d", g, g)
	case "nth":
		return pick(r, []string{"third", "fourth", "fifth", "sixth", "ninth", "twelfth"})
	case "event":
		return pick(r, []string{"judo", "rowing", "sprint", "cycling", "wrestling", "sailing"})
	case "kmh":
		return fmt.Sprint(90 + r.IntN(100))
	case "rain":
		return fmt.Sprint(80 + r.IntN(320))
	case "decimal":
		return fmt.Sprintf("%d.%d", r.IntN(3), 1+r.IntN(9))
	case "votes":
		yes := 20 + r.IntN(20)
		return fmt.Sprintf("%d to %d", yes, r.IntN(yes))
	}
	return "{" + name + "}"
}

// withCommas formats n with thousands separators, as wire copy does.
func withCommas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
