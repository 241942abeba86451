package fakeopenai

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"strings"
	"unicode"
)

// embeddingRequest is the body of POST /v1/embeddings.
type embeddingRequest struct {
	Input          json.RawMessage `json:"input"`
	Model          string          `json:"model"`
	Dimensions     int             `json:"dimensions"`
	EncodingFormat string          `json:"encoding_format"`
}

type embeddingItem struct {
	Object    string `json:"object"`
	Embedding any    `json:"embedding"`
	Index     int    `json:"index"`
}

type embeddingResponse struct {
	Object string          `json:"object"`
	Data   []embeddingItem `json:"data"`
	Model  string          `json:"model"`
	Usage  map[string]int  `json:"usage"`
}

// handleEmbeddings serves POST /v1/embeddings.
func (s *Server) handleEmbeddings(w http.ResponseWriter, r *http.Request) {
	s.embedRequests.Add(1)
	var req embeddingRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "We could not parse the JSON body of your request.")
		return
	}
	inputs, err := decodeInputs(req.Input)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", err.Error())
		return
	}
	s.embedInputs.Add(int64(len(inputs)))

	if f, ok := s.nextFault(Embeddings); ok {
		if s.applyPre(w, r, f) {
			return
		}
		switch f.kind {
		case kindMalformed:
			writeMalformed(w)
			return
		case kindCut, kindEndEarly:
			abort(w, []byte(malformedBody))
			return
		}
	}

	dim, err := s.dimension(req.Model, req.Dimensions)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", err.Error())
		return
	}
	resp := embeddingResponse{Object: "list", Model: req.Model, Usage: map[string]int{}}
	for i, text := range inputs {
		if text == "" {
			writeError(w, http.StatusBadRequest, "invalid_request_error", "",
				"'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.")
			return
		}
		vec := Vector(text, dim)
		item := embeddingItem{Object: "embedding", Index: i, Embedding: vec}
		if req.EncodingFormat == "base64" {
			item.Embedding = encodeBase64(vec)
		}
		resp.Data = append(resp.Data, item)
		resp.Usage["prompt_tokens"] += len(words(text))
	}
	resp.Usage["total_tokens"] = resp.Usage["prompt_tokens"]
	// Real servers do not promise order; reversing proves clients sort by index.
	for i, j := 0, len(resp.Data)-1; i < j; i, j = i+1, j-1 {
		resp.Data[i], resp.Data[j] = resp.Data[j], resp.Data[i]
	}
	writeJSON(w, http.StatusOK, resp)
}

// decodeInputs accepts a string or an array of strings, as OpenAI does
// (token arrays are not supported by the fake).
func decodeInputs(raw json.RawMessage) ([]string, error) {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, fmt.Errorf("'input' must be a string or an array of strings")
	}
	if len(many) == 0 {
		return nil, fmt.Errorf("'input' must not be empty")
	}
	return many, nil
}

// dimension picks the vector size for model, honouring a requested
// dimension no larger than the model's own, as text-embedding-3 does.
func (s *Server) dimension(model string, requested int) (int, error) {
	native, ok := s.dims[model]
	if !ok {
		native = s.defaultDim
	}
	switch {
	case requested == 0:
		return native, nil
	case requested < 0 || requested > native:
		return 0, fmt.Errorf("dimensions %d is out of range for model %s (max %d)", requested, model, native)
	}
	return requested, nil
}

// Vector is the fake embedding of text: a hashed bag of lowercased words and
// their 4-letter prefixes, so texts sharing words are close. It is
// deliberately not normalised (real clients must not rely on that) and never
// all zero.
func Vector(text string, dim int) []float32 {
	vec := make([]float32, dim)
	for _, w := range words(text) {
		add(vec, w, 1)
		if len(w) > 4 {
			add(vec, w[:4]+"*", 0.5)
		}
	}
	vec[0] += 0.01 // never a zero vector, even for "!!!"
	return vec
}

// add adds weight to the hashed, signed bucket of token.
func add(vec []float32, token string, weight float32) {
	h := fnv.New64a()
	_, _ = h.Write([]byte(token))
	sum := h.Sum64()
	if sum&(1<<63) != 0 {
		weight = -weight
	}
	vec[sum%uint64(len(vec))] += weight
}

// words splits text into lowercased runs of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// encodeBase64 encodes vec as little-endian float32s, as encoding_format
// "base64" does.
func encodeBase64(vec []float32) string {
	buf := make([]byte, 4*len(vec))
	for i, v := range vec {
		binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(v))
	}
	return base64.StdEncoding.EncodeToString(buf)
}
