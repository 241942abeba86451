package pgstore_test

import (
	"encoding/binary"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
)

// proxy forwards 127.0.0.1 TCP connections to the test server and can cut
// every open connection, as a network failure or a server restart would.
type proxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	conns []net.Conn
	// armed, when set, makes the next simple-protocol query ('Q' message)
	// from a client reach the server and then cuts that connection before
	// the answer comes back: a connection lost mid-query.
	armed bool
}

// cutNextQuery arms the mid-query cut.
func (p *proxy) cutNextQuery() {
	p.mu.Lock()
	p.armed = true
	p.mu.Unlock()
}

// newProxy listens on 127.0.0.1 and forwards to the host of dsn; it
// returns dsn rewritten to go through the proxy.
func newProxy(t *testing.T, dsn string) (*proxy, string) {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: u.Host}
	t.Cleanup(func() { ln.Close(); p.cut() })
	go p.serve()
	u.Host = ln.Addr().String()
	return p, u.String()
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, s)
		p.mu.Unlock()
		go func() { p.forward(s, c); s.Close(); c.Close() }()
		go func() { _, _ = io.Copy(c, s); c.Close() }()
	}
}

// forward copies client bytes to the server, cutting both sides right
// after an armed query went through.
func (p *proxy) forward(s, c net.Conn) {
	buf := make([]byte, 64<<10)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			if _, werr := s.Write(buf[:n]); werr != nil {
				return
			}
			p.mu.Lock()
			hit := p.armed && buf[0] == 'Q'
			if hit {
				p.armed = false
			}
			p.mu.Unlock()
			if hit {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// cut closes every connection made so far.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// authFailServer answers every PostgreSQL startup with the ErrorResponse a
// server sends for a wrong password (SQLSTATE 28P01), and returns its
// postgres:// URL with the given password.
func authFailServer(t *testing.T, password string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				for {
					// Startup packets: int32 length, int32 code, body.
					var hdr [8]byte
					if _, err := io.ReadFull(c, hdr[:]); err != nil {
						return
					}
					n := binary.BigEndian.Uint32(hdr[:4])
					if _, err := io.CopyN(io.Discard, c, int64(n)-8); err != nil {
						return
					}
					if binary.BigEndian.Uint32(hdr[4:]) == 80877103 { // SSLRequest
						_, _ = c.Write([]byte("N"))
						continue
					}
					break
				}
				var body []byte
				for _, f := range []string{"SFATAL", "VFATAL", "C28P01", "Mpassword authentication failed for user \"footnote\""} {
					body = append(append(body, f...), 0)
				}
				body = append(body, 0)
				msg := []byte{'E', 0, 0, 0, 0}
				binary.BigEndian.PutUint32(msg[1:], uint32(4+len(body)))
				_, _ = c.Write(append(msg, body...))
			}()
		}
	}()
	return "postgres://footnote:" + url.QueryEscape(password) + "@" + ln.Addr().String() + "/footnote?sslmode=disable&connect_timeout=5"
}
