package wordvec

import (
	"bytes"
	"compress/gzip"
	"testing"
)

// BenchmarkDecode measures what the first Default call costs: gunzip and
// decode the embedded table.
func BenchmarkDecode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		zr, err := gzip.NewReader(bytes.NewReader(gloveGz))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Decode(zr); err != nil {
			b.Fatal(err)
		}
	}
}
