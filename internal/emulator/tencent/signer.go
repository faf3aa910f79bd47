package tencent

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// This file reproduces Tencent Cloud's TC3-HMAC-SHA256 signature (API 3.0
// signature v3, sendWithSignatureV3 in tencentcloud-sdk-go's common/client.go)
// from the server side, so a request is accepted exactly when it was signed
// with the configured secret key.

const (
	tc3Algorithm  = "TC3-HMAC-SHA256"
	tc3Terminator = "tc3_request"
	tc3DateFormat = "2006-01-02"
	// tc3ContentSHA256 set to tc3UnsignedPayload makes the SDK (profile
	// UnsignedPayload) hash that literal instead of the body.
	tc3ContentSHA256   = "X-TC-Content-SHA256"
	tc3UnsignedPayload = "UNSIGNED-PAYLOAD"
)

// tc3Authorization is the parsed Authorization header.
type tc3Authorization struct {
	secretID      string
	date          string // credential scope date, yyyy-mm-dd
	service       string
	signedHeaders string // as sent: it is part of the canonical request
	signature     string
}

// parseTC3Authorization parses
// "TC3-HMAC-SHA256 Credential=ID/date/service/tc3_request, SignedHeaders=a;b, Signature=hex".
// On failure it returns why, for the gateway's InvalidAuthorization message.
func parseTC3Authorization(v string) (tc3Authorization, string) {
	var a tc3Authorization
	rest, ok := strings.CutPrefix(v, tc3Algorithm+" ")
	if !ok {
		return a, "`Algorithm` not valid."
	}
	var credential string
	var haveCred, haveSH, haveSig bool
	for _, part := range strings.Split(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, "malformed `" + strings.TrimSpace(part) + "`."
		}
		switch k {
		case "Credential":
			credential, haveCred = val, true
		case "SignedHeaders":
			a.signedHeaders, haveSH = val, true
		case "Signature":
			a.signature, haveSig = val, true
		}
	}
	if !haveCred || !haveSH || !haveSig {
		return a, "`Credential`, `SignedHeaders` and `Signature` are required."
	}
	scope := strings.Split(credential, "/")
	if len(scope) != 4 || scope[3] != tc3Terminator {
		return a, "`Credential` not valid."
	}
	a.secretID, a.date, a.service = scope[0], scope[1], scope[2]
	names := strings.Split(strings.ToLower(a.signedHeaders), ";")
	if !slices.Contains(names, "content-type") || !slices.Contains(names, "host") {
		return a, "`SignedHeaders` must include content-type and host."
	}
	return a, ""
}

// tc3CanonicalRequest builds the canonical request the SDK hashes. The URI is
// always "/" in API 3.0, whatever path the endpoint carries; the query string
// is taken as sent (the SDK signs exactly the string it puts in the URL).
func tc3CanonicalRequest(r *http.Request, signedHeaders string, body []byte) string {
	payloadHash := emulator.HexSHA256(body)
	if r.Header.Get(tc3ContentSHA256) == tc3UnsignedPayload {
		payloadHash = emulator.HexSHA256([]byte(tc3UnsignedPayload))
	}
	return strings.Join([]string{
		r.Method,
		"/",
		r.URL.RawQuery,
		tc3CanonicalHeaders(r, signedHeaders),
		signedHeaders,
		payloadHash,
	}, "\n")
}

// tc3CanonicalHeaders lists "name:value\n" per signed header. Tencent's
// specification lowercases and trims both; the Host header comes from the
// request line, as the SDK takes it from the endpoint.
func tc3CanonicalHeaders(r *http.Request, signedHeaders string) string {
	var b strings.Builder
	for _, name := range strings.Split(signedHeaders, ";") {
		name = strings.ToLower(strings.TrimSpace(name))
		value := r.Header.Get(name)
		if name == "host" {
			value = r.Host
		}
		b.WriteString(name + ":" + strings.ToLower(strings.TrimSpace(value)) + "\n")
	}
	return b.String()
}

// tc3Signature derives the signing key from the secret key, scope date and
// service, then signs the string to sign.
func tc3Signature(secretKey, timestamp, date, service, canonicalRequest string) string {
	stringToSign := strings.Join([]string{
		tc3Algorithm,
		timestamp,
		date + "/" + service + "/" + tc3Terminator,
		emulator.HexSHA256([]byte(canonicalRequest)),
	}, "\n")
	key := tc3HMAC([]byte("TC3"+secretKey), date)
	key = tc3HMAC(key, service)
	key = tc3HMAC(key, tc3Terminator)
	return hex.EncodeToString(tc3HMAC(key, stringToSign))
}

func tc3HMAC(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}
