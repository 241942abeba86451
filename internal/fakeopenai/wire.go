package fakeopenai

import (
	"encoding/json"
	"net/http"
)

// apiError is the body of an OpenAI error response.
type apiError struct {
	Error struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	} `json:"error"`
}

// writeError writes an OpenAI-style error body with status.
func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	var e apiError
	e.Error.Message = msg
	e.Error.Type = typ
	if code != "" {
		e.Error.Code = &code
	}
	writeJSON(w, status, e)
}

// writeJSON writes v as a JSON response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// malformedBody is a 200 body that is not valid JSON, as a broken proxy
// might send.
const malformedBody = `{"id": "fake", "object": "list", "data": [{"embedding": [0.1, oops]}`

// writeMalformed writes a 200 response whose body is not valid JSON.
func writeMalformed(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(malformedBody))
}

// abort writes half of body and then drops the connection, so the client
// sees a truncated response rather than a clean end.
func abort(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body[:len(body)/2])
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	panic(http.ErrAbortHandler)
}
