package fakediscord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// SignedRequest builds a POST of body to an interactions endpoint, signed
// the way Discord signs it: X-Signature-Ed25519 over timestamp+body.
func SignedRequest(ctx context.Context, endpoint string, key ed25519.PrivateKey, body []byte) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("build interaction request: %w", err)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(key, append([]byte(ts), body...))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", ts)
	return req, nil
}

// InteractionPayload fills ix's defaults, registers it, and returns it with
// its JSON as Discord would POST it to an interactions endpoint.
func (s *Server) InteractionPayload(ix Interaction) (Interaction, []byte) {
	ix = s.fill(ix)
	body, _ := json.Marshal(s.payload(ix))
	return ix, body
}

// DeliverHTTP plays Discord's side of the HTTP interactions mode: it POSTs
// ix, signed with key, to endpoint and, when the bot answers 200, applies
// the answer as the interaction's response. That response is recorded as a
// POST to /interactions/{id}/{token}/callback, so tests wait for it the same
// way in both modes. It returns the status and body the endpoint sent.
func (s *Server) DeliverHTTP(ctx context.Context, endpoint string, key ed25519.PrivateKey, ix Interaction) (Interaction, int, []byte, error) {
	ix, body := s.InteractionPayload(ix)
	req, err := SignedRequest(ctx, endpoint, key, body)
	if err != nil {
		return ix, 0, nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return ix, 0, nil, fmt.Errorf("deliver interaction: %w", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return ix, resp.StatusCode, nil, fmt.Errorf("read endpoint answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return ix, resp.StatusCode, answer, nil
	}
	rec := Request{
		Method: http.MethodPost, Path: "/interactions/" + ix.ID + "/" + ix.Token + "/callback", APIVersion: "10",
		Header: resp.Header.Clone(), Body: answer,
	}
	_ = json.Unmarshal(answer, &rec.JSON)
	s.mu.Lock()
	rep := s.acknowledgeLocked(s.store.interactions[ix.Token], rec)
	s.mu.Unlock()
	rec.Status = rep.status
	s.record(rec)
	return ix, resp.StatusCode, answer, nil
}
