// Package feeds reads RSS and Atom feeds (github.com/mmcdole/gofeed) and
// saves each new item's article into a corpus directory: the item's page
// is fetched politely (a timeout, a size cap, an identifying User-Agent, a
// per-host rate limit), its main text extracted as package corpus extracts
// HTML, and written atomically as a .txt file named from the item's date
// and title, with title, date, URL and GUID in front matter. Items already
// saved are remembered by GUID and URL in a hidden file beside the
// articles, so a restart fetches nothing twice.
package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/time/rate"
)

// Defaults for [Options].
const (
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBytes     = 4 << 20
	DefaultHostInterval = time.Second
	DefaultConcurrency  = 4
	// DefaultUserAgent names footnote and what it does, so site operators
	// can tell what is fetching and why.
	DefaultUserAgent = "footnote-news-fetcher/1.0 (a news question-answering bot; fetches feed items it links to, one request per host per second)"
)

// ErrTooLarge is returned (wrapped) for a feed or page over the size cap.
var ErrTooLarge = errors.New("response too large")

// Options configures a [Fetcher]. Dir is required; the zero value of every
// other field means its default.
type Options struct {
	// Dir is the corpus directory articles are saved into.
	Dir string
	// Client sends the requests; nil means a client of its own.
	Client *http.Client
	// Timeout bounds each request (feed or page), body included.
	Timeout time.Duration
	// MaxBytes caps each response body; larger ones are refused.
	MaxBytes int64
	// UserAgent is sent with every request.
	UserAgent string
	// HostInterval is the least time between two requests to one host.
	HostInterval time.Duration
	// Concurrency is how many item pages are fetched at once (requests to
	// one host still wait for each other).
	Concurrency int
	// OnWarning, when set, receives every item or feed skipped, with why.
	OnWarning func(url, msg string)
	// Now returns the time for undated items; nil means time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Client == nil {
		o.Client = &http.Client{}
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.HostInterval <= 0 {
		o.HostInterval = DefaultHostInterval
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.OnWarning == nil {
		o.OnWarning = func(string, string) {}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Fetcher fetches feeds into a corpus directory. It is safe for
// concurrent use.
type Fetcher struct {
	opts Options
	seen *seenLog

	mu    sync.Mutex
	hosts map[string]*rate.Limiter
	names sync.Mutex // serialises choosing file names
}

// New returns a Fetcher saving into opts.Dir, loading the record of items
// already saved there.
func New(opts Options) (*Fetcher, error) {
	if opts.Dir == "" {
		return nil, errors.New("feeds: no corpus directory")
	}
	opts = opts.withDefaults()
	seen, err := openSeen(opts.Dir)
	if err != nil {
		return nil, err
	}
	return &Fetcher{opts: opts, seen: seen, hosts: map[string]*rate.Limiter{}}, nil
}

// Result tallies one fetch.
type Result struct {
	Items   int      // items in the feeds
	Saved   []string // files written, relative to Dir
	Seen    int      // items skipped as already saved (or repeated in a feed)
	Failed  int      // items whose page could not be fetched or had no text
	Feeds   int      // feeds read
	FeedErr []error  // feeds that could not be read
}

// Add adds r2's tallies to r.
func (r *Result) Add(r2 Result) {
	r.Items += r2.Items
	r.Saved = append(r.Saved, r2.Saved...)
	r.Seen += r2.Seen
	r.Failed += r2.Failed
	r.Feeds += r2.Feeds
	r.FeedErr = append(r.FeedErr, r2.FeedErr...)
}

// FetchAll fetches every feed in turn. A feed that cannot be read is
// recorded in Result.FeedErr and the others still run; the error is
// ctx's, when it ends the fetch.
func (f *Fetcher) FetchAll(ctx context.Context, feedURLs []string) (Result, error) {
	var total Result
	for _, u := range feedURLs {
		r, err := f.Fetch(ctx, u)
		total.Add(r)
		if ctx.Err() != nil {
			return total, ctx.Err()
		}
		if err != nil {
			total.FeedErr = append(total.FeedErr, err)
		}
	}
	return total, nil
}

// Fetch reads one feed and saves its new items.
func (f *Fetcher) Fetch(ctx context.Context, feedURL string) (Result, error) {
	var res Result
	if err := CheckURL(feedURL); err != nil {
		return res, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	body, _, err := f.get(ctx, feedURL)
	if err != nil {
		return res, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	feed, err := gofeed.NewParser().Parse(bytesReader(body))
	if err != nil {
		return res, fmt.Errorf("feed %s: not a valid RSS, Atom or JSON feed: %w", feedURL, err)
	}
	res.Feeds = 1
	res.Items = len(feed.Items)
	base, _ := url.Parse(feedURL)
	var mu sync.Mutex
	claimed := map[string]bool{} // keys taken by this fetch, so duplicate GUIDs in one feed are fetched once
	sem := make(chan struct{}, f.opts.Concurrency)
	var wg sync.WaitGroup
	for _, it := range feed.Items {
		link := resolve(base, it.Link)
		keys := itemKeys(it.GUID, link)
		mu.Lock()
		dup := f.seen.any(keys) || anyOf(claimed, keys)
		if !dup {
			for _, k := range keys {
				claimed[k] = true
			}
		}
		mu.Unlock()
		if dup {
			mu.Lock()
			res.Seen++
			mu.Unlock()
			continue
		}
		if link == "" {
			f.opts.OnWarning(feedURL, fmt.Sprintf("item %q has no link: skipped", it.Title))
			mu.Lock()
			res.Failed++
			mu.Unlock()
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return res, ctx.Err()
		}
		wg.Go(func() {
			defer func() { <-sem }()
			name, err := f.saveItem(ctx, it, link, feedURL)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				res.Failed++
				if ctx.Err() == nil {
					f.opts.OnWarning(link, err.Error())
				}
				return
			}
			res.Saved = append(res.Saved, name)
		})
	}
	wg.Wait()
	return res, ctx.Err()
}

func anyOf(m map[string]bool, keys []string) bool {
	for _, k := range keys {
		if m[k] {
			return true
		}
	}
	return false
}

// itemKeys are the keys an item is remembered by: its GUID and its URL.
func itemKeys(guid, link string) []string {
	var keys []string
	if guid != "" {
		keys = append(keys, "guid:"+guid)
	}
	if link != "" {
		keys = append(keys, "url:"+link)
	}
	return keys
}

// resolve makes a possibly relative item link absolute against the feed's
// URL; "" when it is not an http(s) URL.
func resolve(base *url.URL, link string) string {
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if CheckURL(u.String()) != nil {
		return ""
	}
	return u.String()
}

// CheckURL checks that raw is an absolute http(s) URL. The error never
// repeats the URL.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return errors.New("is not a valid URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("must start with http:// or https://")
	case u.Host == "":
		return errors.New("has no host")
	}
	return nil
}

// get fetches u politely: the host's rate limit, the timeout, the size
// cap and the User-Agent. It returns the body and its Content-Type.
func (f *Fetcher) get(ctx context.Context, u string) ([]byte, string, error) {
	parsed, err := url.Parse(u)
	if err != nil {
		return nil, "", err
	}
	if err := f.limiter(parsed.Host).Wait(ctx); err != nil {
		return nil, "", err
	}
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.9, */*;q=0.5")
	resp, err := f.opts.Client.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, "", fmt.Errorf("timed out after %s", f.opts.Timeout)
		}
		return nil, "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("HTTP %s", resp.Status)
	}
	if resp.ContentLength > f.opts.MaxBytes {
		return nil, "", fmt.Errorf("%w: %d bytes, over the %d-byte cap", ErrTooLarge, resp.ContentLength, f.opts.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, "", fmt.Errorf("timed out after %s", f.opts.Timeout)
		}
		return nil, "", fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > f.opts.MaxBytes {
		return nil, "", fmt.Errorf("%w: over the %d-byte cap", ErrTooLarge, f.opts.MaxBytes)
	}
	return body, resp.Header.Get("Content-Type"), nil
}

// limiter returns the rate limiter of host.
func (f *Fetcher) limiter(host string) *rate.Limiter {
	f.mu.Lock()
	defer f.mu.Unlock()
	l := f.hosts[host]
	if l == nil {
		l = rate.NewLimiter(rate.Every(f.opts.HostInterval), 1)
		f.hosts[host] = l
	}
	return l
}
