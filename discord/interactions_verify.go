package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParsePublicKey decodes the application's public key as the developer
// portal shows it (64 hex digits), for verifying interaction requests.
func ParsePublicKey(hexKey string) (ed25519.PublicKey, error) {
	hexKey = strings.TrimSpace(hexKey)
	if hexKey == "" {
		return nil, errors.New("discord public key is empty")
	}
	b, err := hex.DecodeString(hexKey)
	if err != nil {
		return nil, fmt.Errorf("discord public key: not hex: %w", err)
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("discord public key: %d bytes, want %d", len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// Reasons a request fails verification (never shown in detail to the
// caller, only logged).
var (
	errNoSignature  = errors.New("missing X-Signature-Ed25519 or X-Signature-Timestamp")
	errBadSignature = errors.New("invalid request signature")
	errStale        = errors.New("request timestamp outside the allowed window")
)

// verifySignature checks Discord's signature: Ed25519 over timestamp+body.
// With maxSkew > 0 it also rejects timestamps that far from now, so a
// captured request cannot be replayed later.
func verifySignature(key ed25519.PublicKey, sigHex, timestamp string, body []byte, maxSkew time.Duration, now time.Time) error {
	if sigHex == "" || timestamp == "" {
		return errNoSignature
	}
	sig, err := hex.DecodeString(sigHex)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return errBadSignature
	}
	msg := make([]byte, 0, len(timestamp)+len(body))
	msg = append(append(msg, timestamp...), body...)
	if !ed25519.Verify(key, msg, sig) {
		return errBadSignature
	}
	if maxSkew > 0 {
		secs, err := strconv.ParseInt(timestamp, 10, 64)
		if err != nil {
			return errStale
		}
		if d := now.Sub(time.Unix(secs, 0)); d > maxSkew || d < -maxSkew {
			return errStale
		}
	}
	return nil
}
