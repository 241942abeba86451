package feeds_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"footnote/corpus"
	"footnote/feeds"
)

// site is an httptest feed and article server.
type site struct {
	*httptest.Server
	mu     sync.Mutex
	hits   map[string]int
	agents []string
	feed   func(base string) string
}

func newSite(t testing.TB, feed func(base string) string) *site {
	s := &site{hits: map[string]int{}, feed: feed}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, s.feed("http://"+r.Host))
	})
	mux.HandleFunc("/bad.xml", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		fmt.Fprint(w, "<rss><channel><item><title>broken")
	})
	mux.HandleFunc("/news/", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		slug := strings.TrimPrefix(r.URL.Path, "/news/")
		fmt.Fprintf(w, `<html><head><title>%[1]s</title><meta property="article:published_time" content="2025-06-01T10:00:00Z"></head>
<body><nav>Home | News</nav><article><h1>%[1]s</h1>
<p>The %[1]s story opened on Monday when officials in the harbour town confirmed the details to reporters gathered outside the council building.</p>
<p>Further details of the %[1]s story were expected later in the week, a spokesman said, as engineers and residents waited for the final report.</p>
</article></body></html>`, slug)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r)
		chunk := strings.Repeat("<p>padding text for a page far over the cap</p>\n", 1000)
		for range 200 { // about 10 MB, without a Content-Length
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
		}
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *site) hit(r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[r.URL.Path]++
	s.agents = append(s.agents, r.UserAgent())
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func rss(items ...string) string {
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Times</title>` + strings.Join(items, "") + `</channel></rss>`
}

func item(title, link, guid, date string) string {
	s := "<item><title>" + title + "</title><link>" + link + "</link>"
	if guid != "" {
		s += "<guid>" + guid + "</guid>"
	}
	if date != "" {
		s += "<pubDate>" + date + "</pubDate>"
	}
	return s + "</item>"
}

func newFetcher(t *testing.T, dir string, warn func(u, m string)) *feeds.Fetcher {
	t.Helper()
	f, err := feeds.New(feeds.Options{Dir: dir, Timeout: 500 * time.Millisecond, MaxBytes: 1 << 20, HostInterval: time.Millisecond, OnWarning: warn})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFetch(t *testing.T) {
	s := newSite(t, func(base string) string {
		return rss(
			item("Harbour bridge reopens", base+"/news/bridge", "g1", "Mon, 02 Jun 2025 08:00:00 GMT"),
			item("Ferry strike ends", "/news/ferry", "g2", ""),                           // a relative link, no date
			item("Harbour bridge reopens (repeat)", base+"/news/bridge-again", "g1", ""), // a duplicate GUID
			item("Gone", base+"/news-missing", "g3", ""),                                 // 404
			item("Slow", base+"/slow", "g4", ""),                                         // times out
			item("Huge", base+"/huge", "g5", ""),                                         // over the cap
		)
	})
	dir := t.TempDir()
	var mu sync.Mutex
	warnings := map[string]string{}
	f := newFetcher(t, dir, func(u, m string) { mu.Lock(); warnings[u] = m; mu.Unlock() })
	res, err := f.Fetch(context.Background(), s.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(res.Saved)
	if !slices.Equal(res.Saved, []string{"2025-06-01_ferry-strike-ends.txt", "2025-06-02_harbour-bridge-reopens.txt"}) {
		t.Errorf("saved %q", res.Saved)
	}
	if res.Items != 6 || res.Seen != 1 || res.Failed != 3 {
		t.Errorf("result %+v, want 6 items, 1 repeated GUID, 3 failures", res)
	}
	for path, want := range map[string]string{"/news-missing": "HTTP 404", "/slow": "timed out", "/huge": "too large"} {
		if w := warnings[s.URL+path]; !strings.Contains(w, want) {
			t.Errorf("warning for %s = %q, want it to say %q", path, w, want)
		}
	}
	if n := s.count("/news/bridge-again"); n != 0 {
		t.Errorf("the repeated GUID's page was fetched %d times", n)
	}
	for _, ua := range s.agents {
		if ua != feeds.DefaultUserAgent {
			t.Errorf("User-Agent %q", ua)
		}
	}

	// The saved file is an article with its URL in front matter.
	arts, err := corpus.Load(context.Background(), os.DirFS(dir), corpus.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 {
		t.Fatalf("corpus has %d articles, want 2 (hidden files ignored)", len(arts))
	}
	a := arts[1]
	if a.Title != "Harbour bridge reopens" || a.Date != "2025-06-02" || a.URL != s.URL+"/news/bridge" || !strings.Contains(a.Text, "The bridge story opened on Monday") || strings.Contains(a.Text, "Home | News") {
		t.Errorf("article = %+v", a)
	}

	// A restart fetches nothing twice; the failures are tried again.
	f2 := newFetcher(t, dir, nil)
	before := s.count("/news/bridge")
	res, err = f2.Fetch(context.Background(), s.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Saved) != 0 || res.Seen != 3 || s.count("/news/bridge") != before {
		t.Errorf("after a restart: %+v, bridge page fetched %d more times", res, s.count("/news/bridge")-before)
	}
}

func TestFetchBadFeeds(t *testing.T) {
	s := newSite(t, func(string) string { return rss() })
	f := newFetcher(t, t.TempDir(), nil)
	for _, tt := range []struct{ url, want string }{
		{s.URL + "/bad.xml", "not a valid RSS"},
		{s.URL + "/nothing.xml", "HTTP 404"},
		{s.URL + "/slow", "timed out"},
		{"ftp://example.com/feed", "must start with http"},
	} {
		_, err := f.Fetch(context.Background(), tt.url)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Fetch(%s) = %v, want an error saying %q", tt.url, err, tt.want)
		}
	}
	res, err := f.FetchAll(context.Background(), []string{s.URL + "/bad.xml", s.URL + "/feed.xml"})
	if err != nil || len(res.FeedErr) != 1 || res.Feeds != 1 {
		t.Errorf("FetchAll = %+v, %v; want the good feed read and the bad one reported", res, err)
	}
}

func TestFetchRateLimitsPerHost(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	s := newSite(t, func(base string) string {
		var items []string
		for i := range 4 {
			items = append(items, item(fmt.Sprintf("Story %d", i), fmt.Sprintf("%s/news/s%d", base, i), fmt.Sprintf("s%d", i), ""))
		}
		return rss(items...)
	})
	inner := s.Config.Handler
	s.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		inner.ServeHTTP(w, r)
	})
	const interval = 50 * time.Millisecond
	f, err := feeds.New(feeds.Options{Dir: t.TempDir(), HostInterval: interval, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Fetch(context.Background(), s.URL+"/feed.xml"); err != nil {
		t.Fatal(err)
	}
	if len(times) != 5 {
		t.Fatalf("%d requests, want 5", len(times))
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	// The limiter sends one request per interval, so five requests span at
	// least four intervals from first send to last. Arrival times can
	// bunch two neighbours together on a loaded machine, so the test bounds
	// the whole span (without the limiter, four fetches at once would
	// arrive within a few milliseconds), not each gap.
	if span := times[len(times)-1].Sub(times[0]); span < 3*interval {
		t.Errorf("5 requests to one host within %s, want them spaced by the %s interval (at least %s in all)", span, interval, 3*interval)
	}
}

func TestSlugNames(t *testing.T) {
	s := newSite(t, func(base string) string {
		return rss(
			item("Café: «Brûlé» wins!", base+"/news/a", "a", "Mon, 02 Jun 2025 08:00:00 GMT"),
			item("Café: «Brûlé» wins!", base+"/news/b", "b", "Mon, 02 Jun 2025 08:00:00 GMT"),
			item("???", base+"/news/c", "c", "Mon, 02 Jun 2025 08:00:00 GMT"),
		)
	})
	dir := t.TempDir()
	res, err := newFetcher(t, dir, nil).Fetch(context.Background(), s.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(res.Saved)
	want := []string{"2025-06-02_café-brûlé-wins-2.txt", "2025-06-02_café-brûlé-wins.txt", "2025-06-02_untitled.txt"}
	slices.Sort(want)
	if !slices.Equal(res.Saved, want) {
		t.Errorf("names %q, want %q", res.Saved, want)
	}
	for _, n := range res.Saved {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Error(err)
		}
	}
}

// BenchmarkFetch measures fetch throughput against the test server: one
// feed of 50 items, each page fetched, extracted and saved.
func BenchmarkFetch(b *testing.B) {
	s := newSite(b, func(base string) string {
		var items []string
		for i := range 50 {
			items = append(items, item(fmt.Sprintf("Story %d", i), fmt.Sprintf("%s/news/s%d", base, i), fmt.Sprintf("s%d", i), ""))
		}
		return rss(items...)
	})
	items := 0
	for b.Loop() {
		f, err := feeds.New(feeds.Options{Dir: b.TempDir(), HostInterval: time.Microsecond})
		if err != nil {
			b.Fatal(err)
		}
		res, err := f.Fetch(context.Background(), s.URL+"/feed.xml")
		if err != nil || len(res.Saved) != 50 {
			b.Fatalf("%+v, %v", res, err)
		}
		items += len(res.Saved)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}
