package emulator

import "strings"

// authorization is a parsed "<algorithm> <ak field>=AK, SignedHeaders=a;b, Signature=hex"
// header, the form Huawei's SDK-HMAC-SHA256 and Alibaba's ACS3-HMAC-SHA256 share.
type authorization struct {
	accessKey     string
	signedHeaders []string // as sent: the list is part of the canonical request
	signature     string
}

// parseAuthorization parses such a header; accessField names the part that carries the
// access key. All three parts must be present, the access key non-empty.
func parseAuthorization(v, algorithm, accessField string) (authorization, bool) {
	var a authorization
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
			a.accessKey, haveAK = val, true
		case "SignedHeaders":
			if val != "" {
				a.signedHeaders = strings.Split(val, ";")
			}
			haveSH = true
		case "Signature":
			a.signature, haveSig = val, true
		}
	}
	return a, haveAK && a.accessKey != "" && haveSH && haveSig
}
