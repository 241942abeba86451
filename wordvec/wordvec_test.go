package wordvec_test

import (
	"bytes"
	"errors"
	"testing"

	"footnote/wordvec"
)

func TestEmbeddedTable(t *testing.T) {
	v := wordvec.Default()
	if v.Len() != 50000 || v.Dim() != 100 {
		t.Fatalf("table holds %d words of %d dimensions, want 50000 of 100", v.Len(), v.Dim())
	}
	for _, w := range []string{"the", "children", "negotiations", "ceasefire"} {
		if v.ID(w) < 0 {
			t.Errorf("ID(%q) = -1", w)
		}
	}
	if v.ID("Children") != -1 || v.ID("") != -1 {
		t.Error("ID must only know folded lower-case words")
	}
}

func TestSimilarity(t *testing.T) {
	v := wordvec.Default()
	tests := []struct {
		a, b, unrelated string
	}{
		{"kids", "children", "tariff"},
		{"army", "military", "poem"},
		{"talks", "negotiations", "banana"},
		{"chief", "head", "violin"},
	}
	for _, tc := range tests {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			near, far := v.Similarity(tc.a, tc.b), v.Similarity(tc.a, tc.unrelated)
			if near < 0.5 || near <= far+0.2 {
				t.Errorf("cos(%s,%s) = %.2f, cos(%s,%s) = %.2f", tc.a, tc.b, near, tc.a, tc.unrelated, far)
			}
		})
	}
	if s := v.Similarity("children", "children"); s != 1 {
		t.Errorf("a word's similarity to itself = %v", s)
	}
	if s := v.Similarity("children", "qqqzzz"); s != 0 {
		t.Errorf("similarity to an unknown word = %v", s)
	}
}

func TestMean(t *testing.T) {
	v := wordvec.Default()
	a := make([]float32, v.Dim())
	b := make([]float32, v.Dim())
	v.AddTo(a, v.ID("kids"), 1)
	v.AddTo(a, v.ID("abducted"), 1)
	v.AddTo(b, v.ID("children"), 1)
	v.AddTo(b, v.ID("kidnapped"), 1)
	c := make([]float32, v.Dim())
	v.AddTo(c, v.ID("oil"), 1)
	v.AddTo(c, v.ID("prices"), 1)
	if ab, ac := wordvec.CosineOf(a, b), wordvec.CosineOf(a, c); ab <= ac {
		t.Errorf("cos(kids abducted, children kidnapped) = %.2f <= cos(kids abducted, oil prices) = %.2f", ab, ac)
	}
	if wordvec.CosineOf(a, make([]float32, v.Dim())) != 0 {
		t.Error("cosine with a zero vector must be 0")
	}
}

func TestDecodeRejectsOtherData(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not a table"), []byte("FNWV1\n\xff\xff\xff\xff\x64\x00\x00\x00"),
		[]byte("FNWV1\n\x00\x00\x1f\x00\x00\x04\x00\x00")} { // 2,031,616 words of 1,024 dimensions: 2 GB
		if _, err := wordvec.Decode(bytes.NewReader(in)); !errors.Is(err, wordvec.ErrFormat) {
			t.Errorf("Decode(%q) = %v, want ErrFormat", in, err)
		}
	}
	if _, err := wordvec.Decode(bytes.NewReader([]byte("FNWV1\n\x02\x00\x00\x00\x04\x00\x00\x00\x02ab"))); !errors.Is(err, wordvec.ErrFormat) {
		t.Errorf("truncated table: %v, want ErrFormat", err)
	}
}

// FuzzDecode checks that no input makes Decode panic or return a table
// whose lookups misbehave.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("FNWV1\n\x01\x00\x00\x00\x02\x00\x00\x00\x02ab\x00\x00\x80\x3f\x7f\x00"))
	f.Add([]byte("FNWV1\n\x02\x00\x00\x00\x04\x00\x00\x00\x02ab"))
	f.Fuzz(func(t *testing.T, in []byte) {
		v, err := wordvec.Decode(bytes.NewReader(in))
		if err != nil {
			if !errors.Is(err, wordvec.ErrFormat) {
				t.Fatalf("error %v is not ErrFormat", err)
			}
			return
		}
		for _, w := range []string{"ab", "", "x"} {
			id := v.ID(w)
			_ = v.Cosine(id, id)
			acc := make([]float32, v.Dim())
			v.AddTo(acc, id, 1)
		}
	})
}
