package huawei

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// This file reproduces the Huawei SDK's SDK-HMAC-SHA256 signer
// (core/auth/signer/signer.go in huaweicloud-sdk-go-v3) from the server side,
// so a request is accepted exactly when the SDK would have produced its
// signature with the configured secret key.

const (
	huaweiAlgorithm      = "SDK-HMAC-SHA256"
	huaweiDateFormat     = "20060102T150405Z"
	huaweiContentSHA256  = "X-Sdk-Content-Sha256"
	huaweiHostHeaderName = "host"
)

// parseHuaweiAuthorization parses
// "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex".
func parseHuaweiAuthorization(v string) (emulator.Authorization, bool) {
	return emulator.ParseAuthorization(v, huaweiAlgorithm, "Access")
}

// huaweiCanonicalRequest builds the canonical request the SDK hashes.
func huaweiCanonicalRequest(r *http.Request, signedHeaders []string, body []byte) string {
	bodyHash := r.Header.Get(huaweiContentSHA256)
	if _, ok := r.Header[http.CanonicalHeaderKey(huaweiContentSHA256)]; !ok {
		bodyHash = emulator.HexSHA256(body)
	}
	return strings.Join([]string{
		r.Method,
		huaweiCanonicalURI(r.URL.Path),
		huaweiCanonicalQuery(r),
		huaweiCanonicalHeaders(r, signedHeaders),
		strings.Join(signedHeaders, ";"),
		bodyHash,
	}, "\n")
}

// huaweiCanonicalURI escapes each path segment and ensures a trailing slash.
func huaweiCanonicalURI(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = huaweiEscape(s)
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}

// huaweiCanonicalQuery sorts keys and, within a key, values.
func huaweiCanonicalQuery(r *http.Request) string {
	q := r.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			parts = append(parts, huaweiEscape(k)+"="+huaweiEscape(v))
		}
	}
	return strings.Join(parts, "&")
}

// huaweiCanonicalHeaders lists the signed headers' values, with the Host
// header taken from the request line as the SDK takes it from the endpoint.
func huaweiCanonicalHeaders(r *http.Request, signedHeaders []string) string {
	var b strings.Builder
	for _, name := range signedHeaders {
		var values []string
		if name == huaweiHostHeaderName {
			values = []string{r.Host}
		} else {
			values = append(values, r.Header.Values(name)...)
		}
		sort.Strings(values)
		for _, v := range values {
			b.WriteString(name + ":" + strings.TrimSpace(v) + "\n")
		}
	}
	out := b.String()
	if out == "" {
		// The SDK joins the lines with "\n" and appends one, so no headers
		// still yields a single newline.
		return "\n"
	}
	return out
}

// huaweiSignature is hex(HMAC-SHA256(sk, stringToSign)).
func huaweiSignature(secretKey, date, canonicalRequest string) string {
	sts := fmt.Sprintf("%s\n%s\n%s", huaweiAlgorithm, date, emulator.HexSHA256([]byte(canonicalRequest)))
	m := hmac.New(sha256.New, []byte(secretKey))
	m.Write([]byte(sts))
	return hex.EncodeToString(m.Sum(nil))
}

// huaweiEscape keeps A-Za-z0-9_-~. and percent-encodes everything else in
// uppercase hex, exactly like the SDK's escape.
func huaweiEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '~' || c == '.' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte("0123456789ABCDEF"[c>>4])
		b.WriteByte("0123456789ABCDEF"[c&15])
	}
	return b.String()
}
