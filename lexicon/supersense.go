package lexicon

import "fmt"

// Supersense is a WordNet lexicographer category (lexnames(5WN)): the
// coarse class of a sense, such as [NounPerson] for "minister", [NounLocation]
// for "Istanbul" or [NounTime] for "Monday". An answer typer uses it to tell
// whether a word can answer "who", "where" or "when".
type Supersense uint8

// WordNet 3.0's 45 supersenses, numbered as its lexicographer files.
const (
	AdjAll            Supersense = iota // all adjective clusters
	AdjPert                             // relational adjectives (pertainyms)
	AdvAll                              // all adverbs
	NounTops                            // unique beginners for nouns
	NounAct                             // acts or actions
	NounAnimal                          // animals
	NounArtifact                        // man-made objects
	NounAttribute                       // attributes of people and objects
	NounBody                            // body parts
	NounCognition                       // cognitive processes and contents
	NounCommunication                   // communicative processes and contents
	NounEvent                           // natural events
	NounFeeling                         // feelings and emotions
	NounFood                            // foods and drinks
	NounGroup                           // groupings of people or objects (organisations)
	NounLocation                        // spatial position (places)
	NounMotive                          // goals
	NounObject                          // natural objects (not man-made)
	NounPerson                          // people
	NounPhenomenon                      // natural phenomena
	NounPlant                           // plants
	NounPossession                      // possession and transfer of possession
	NounProcess                         // natural processes
	NounQuantity                        // quantities and units of measure
	NounRelation                        // relations between people, things or ideas
	NounShape                           // two and three dimensional shapes
	NounState                           // stable states of affairs
	NounSubstance                       // substances
	NounTime                            // time and temporal relations
	VerbBody                            // grooming, dressing and bodily care
	VerbChange                          // size, temperature change, intensifying
	VerbCognition                       // thinking, judging, analyzing, doubting
	VerbCommunication                   // telling, asking, ordering, singing
	VerbCompetition                     // fighting, athletic activities
	VerbConsumption                     // eating and drinking
	VerbContact                         // touching, hitting, tying, digging
	VerbCreation                        // sewing, baking, painting, performing
	VerbEmotion                         // feeling
	VerbMotion                          // walking, flying, swimming
	VerbPerception                      // seeing, hearing, feeling
	VerbPossession                      // buying, selling, owning
	VerbSocial                          // political and social activities and events
	VerbStative                         // being, having, spatial relations
	VerbWeather                         // raining, snowing, thawing, thundering
	AdjPpl                              // participial adjectives
	numSupersenses
)

// String returns WordNet's name of the supersense, such as "noun.person".
func (s Supersense) String() string {
	names := [numSupersenses]string{"adj.all", "adj.pert", "adv.all", "noun.Tops",
		"noun.act", "noun.animal", "noun.artifact", "noun.attribute", "noun.body",
		"noun.cognition", "noun.communication", "noun.event", "noun.feeling",
		"noun.food", "noun.group", "noun.location", "noun.motive", "noun.object",
		"noun.person", "noun.phenomenon", "noun.plant", "noun.possession",
		"noun.process", "noun.quantity", "noun.relation", "noun.shape",
		"noun.state", "noun.substance", "noun.time", "verb.body", "verb.change",
		"verb.cognition", "verb.communication", "verb.competition",
		"verb.consumption", "verb.contact", "verb.creation", "verb.emotion",
		"verb.motion", "verb.perception", "verb.possession", "verb.social",
		"verb.stative", "verb.weather", "adj.ppl"}
	if s < numSupersenses {
		return names[s]
	}
	return fmt.Sprintf("Supersense(%d)", uint8(s))
}

// pos returns the part of speech of the supersense's lexicographer file.
func (s Supersense) pos() POS {
	switch {
	case s == AdvAll:
		return Adv
	case s == AdjAll || s == AdjPert || s == AdjPpl:
		return Adj
	case s <= NounTime:
		return Noun
	}
	return Verb
}

// SupersenseSet is a set of supersenses, one bit each.
type SupersenseSet uint64

// Has reports whether the set holds s.
func (set SupersenseSet) Has(s Supersense) bool { return s < 64 && set&(1<<s) != 0 }

// Supersenses returns the supersenses of every sense of every lemma of t:
// for "Istanbul" {noun.location}, for "minister" {noun.person, ...}.
// It does not allocate.
func (l *Lexicon) Supersenses(t *Term) SupersenseSet {
	var set SupersenseSet
	for _, c := range t.cs.c[:t.cs.n] {
		for _, s := range l.sensesOf(c.id, c.pos) {
			set |= 1 << l.synSup[s]
		}
	}
	return set
}

// PrimarySupersense returns the supersense of t's most likely sense (the
// first sense of its most frequent lemma) and false if WordNet does not
// know the word.
func (l *Lexicon) PrimarySupersense(t *Term) (Supersense, bool) {
	best, found := Supersense(0), false
	var bestFreq uint32
	for _, c := range t.cs.c[:t.cs.n] {
		ss := l.sensesOf(c.id, c.pos)
		if len(ss) == 0 {
			continue
		}
		if f := l.freqOf(c); !found || f > bestFreq {
			best, bestFreq, found = l.synSup[ss[0]], f, true
		}
	}
	return best, found
}

// Senses returns how many senses word has in part of speech pos, over all
// its lemmas in that POS: 0 when it is not a word of that POS. A scorer can
// use it to trust a match on a polysemous word ("run", 57 verb senses) less.
func (l *Lexicon) Senses(word string, pos POS) int {
	if pos >= numPOS {
		return 0
	}
	var cs cands
	l.morphy(l.normWord(word), pos, &cs)
	n := 0
	for _, c := range cs.c[:cs.n] {
		n += len(l.sensesOf(c.id, c.pos))
	}
	return n
}
