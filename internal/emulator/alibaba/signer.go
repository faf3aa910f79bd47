package alibaba

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// This file reproduces Alibaba Cloud's ACS3-HMAC-SHA256 signature (the V3
// signature of darabonba-openapi's DoRequest, GetAuthorization in its utils
// package) from the server side, so a request is accepted exactly when it was
// signed with the configured AccessKey secret.

const (
	acs3Algorithm = "ACS3-HMAC-SHA256"
	acsDateFormat = "2006-01-02T15:04:05Z"
)

// parseACS3Authorization parses
// "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex".
func parseACS3Authorization(v string) (emulator.Authorization, bool) {
	return emulator.ParseAuthorization(v, acs3Algorithm, "Credential")
}

// acs3SignsRequired reports whether the signed headers cover every header of
// r that the SDK always signs (host, content-type and each x-acs-* header), so
// that an unsigned header cannot be slipped into a signed request.
func acs3SignsRequired(r *http.Request, signedHeaders []string) bool {
	signed := make(map[string]bool, len(signedHeaders))
	for _, h := range signedHeaders {
		signed[strings.ToLower(h)] = true
	}
	if !signed["host"] {
		return false
	}
	for name := range r.Header {
		if lower := strings.ToLower(name); (lower == "content-type" || strings.HasPrefix(lower, "x-acs-")) && !signed[lower] {
			return false
		}
	}
	return true
}

// acs3CanonicalRequest builds the canonical request the SDK hashes.
// payloadHash is the hex SHA-256 of the body actually received.
func acs3CanonicalRequest(r *http.Request, query url.Values, signedHeaders []string, payloadHash string) string {
	// The canonical headers end in "\n" and the SDK adds another one, so the
	// blank line is intended.
	return r.Method + "\n" +
		acs3CanonicalURI(r) + "\n" +
		acs3CanonicalQuery(query) + "\n" +
		acs3CanonicalHeaders(r, signedHeaders) + "\n" +
		strings.Join(signedHeaders, ";") + "\n" +
		payloadHash
}

// acs3CanonicalURI is the path as sent, with the SDK's replacements.
func acs3CanonicalURI(r *http.Request) string {
	uri := r.URL.EscapedPath()
	if uri == "" {
		uri = "/"
	}
	return acs3Replacer.Replace(uri)
}

// acs3Replacer turns Go's QueryEscape output into RFC 3986 encoding, as the
// SDK does for the path and the query.
var acs3Replacer = strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~")

// acs3CanonicalQuery sorts by key (then value, for keys the SDK could not
// send twice) and escapes values but not keys, exactly like the SDK.
func acs3CanonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		vs := slices.Clone(q[k])
		slices.Sort(vs)
		for _, v := range vs {
			parts = append(parts, k+"="+url.QueryEscape(v))
		}
	}
	return acs3Replacer.Replace(strings.Join(parts, "&"))
}

// acs3CanonicalHeaders lists each signed header as "name:values\n", values
// trimmed, sorted and comma-joined. Host comes from the request line, as Go
// moves it out of the header map.
func acs3CanonicalHeaders(r *http.Request, signedHeaders []string) string {
	var b strings.Builder
	for _, name := range signedHeaders {
		var values []string
		if strings.EqualFold(name, "host") {
			values = []string{r.Host}
		} else {
			values = slices.Clone(r.Header.Values(name))
		}
		for i, v := range values {
			values[i] = strings.TrimSpace(v)
		}
		slices.Sort(values)
		b.WriteString(name + ":" + strings.Join(values, ",") + "\n")
	}
	return b.String()
}

// acs3Signature is hex(HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" + hex(SHA-256(canonicalRequest)))).
func acs3Signature(secret, canonicalRequest string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(acs3Algorithm + "\n" + emulator.HexSHA256([]byte(canonicalRequest))))
	return hex.EncodeToString(m.Sum(nil))
}
