package emulator

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Helpers the clouds share: body reading, hashing, comparison, IDs, the
// Authorization header form two clouds use, and strict JSON decoding.

// MaxSignedBodyBytes is the largest request body the emulator reads (and a
// signature may cover).
const MaxSignedBodyBytes = 10 << 20

// ReadBody reads the request body, up to MaxSignedBodyBytes, and puts it back
// so whoever reads it next sees it whole. It fails when the body is larger or
// cannot be read; r.Body then still yields what was read, then the error.
func ReadBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, MaxSignedBodyBytes+1))
	rest := r.Body
	if err != nil {
		rest = io.NopCloser(errReader{err})
	}
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(raw), rest), r.Body}
	if err != nil {
		return raw, err
	}
	if len(raw) > MaxSignedBodyBytes {
		return raw, fmt.Errorf("request body larger than %d bytes", MaxSignedBodyBytes)
	}
	return raw, nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// HexSHA256 is the lowercase hex SHA-256 of b.
func HexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ConstantTimeEqual compares secrets and signatures in constant time.
func ConstantTimeEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// RandomHex returns 2n random lowercase hex characters.
func RandomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

// NewRequestID returns 32 random lowercase hex characters, the shape vendors
// use for request and trace IDs.
func NewRequestID() string { return RandomHex(16) }

// HostOnly strips a port from host ("169.254.169.254:80", "[::1]:8080").
func HostOnly(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		return h
	}
	return host
}

// CloneValues deep-copies v.
func CloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// Authorization is a parsed "<algorithm> <ak field>=AK, SignedHeaders=a;b, Signature=hex"
// header, the form Huawei's SDK-HMAC-SHA256 and Alibaba's ACS3-HMAC-SHA256 share.
type Authorization struct {
	AccessKey     string
	SignedHeaders []string // as sent: the list is part of the canonical request
	Signature     string
}

// ParseAuthorization parses such a header; accessField names the part that carries the
// access key. All three parts must be present, the access key non-empty.
func ParseAuthorization(v, algorithm, accessField string) (Authorization, bool) {
	var a Authorization
	rest, ok := strings.CutPrefix(v, algorithm+" ")
	if !ok {
		return a, false
	}
	var haveAK, haveSH, haveSig bool
	for _, part := range strings.Split(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, false
		}
		switch k {
		case accessField:
			a.AccessKey, haveAK = val, true
		case "SignedHeaders":
			if val != "" {
				a.SignedHeaders = strings.Split(val, ";")
			}
			haveSH = true
		case "Signature":
			a.Signature, haveSig = val, true
		}
	}
	return a, haveAK && a.AccessKey != "" && haveSH && haveSig
}

// DecodeStrict decodes exactly one JSON value, refusing unknown fields and
// trailing content.
func DecodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("unexpected content after the JSON document")
	}
	return nil
}

// MustDecode decodes a built-in JSON literal; a failure is a programming error.
func MustDecode(raw string, v any) {
	if err := DecodeStrict([]byte(raw), v); err != nil {
		panic(fmt.Sprintf("emulator: built-in data: %v", err))
	}
}

// Clone deep-copies v through JSON, which is cheap at the data's size and
// keeps a server's copy independent of the caller's. v must be plain data.
func Clone[T any](v *T) *T {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("emulator: marshal data: %v", err)) // only plain structs: cannot happen
	}
	out := new(T)
	if err := json.Unmarshal(raw, out); err != nil {
		panic(fmt.Sprintf("emulator: unmarshal data: %v", err))
	}
	return out
}

// sleep waits d, or less when ctx ends first; it reports whether it waited d.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
