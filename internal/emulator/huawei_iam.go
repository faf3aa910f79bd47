package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Huawei credential-source actions, as the emulator records them.
const (
	ActionHuaweiTokenWithIDToken    = "CreateTokenWithIdToken"
	ActionHuaweiAccessKeyByToken    = "CreateTemporaryAccessKeyByToken"
	ActionHuaweiAccessKeyByAgency   = "CreateTemporaryAccessKeyByAgency"
	ActionHuaweiMetadataToken       = "GetMetadataToken"
	ActionHuaweiMetadataSecurityKey = "GetMetadataSecurityKey"

	huaweiSecurityTokensAction = "CreateTemporaryAccessKey" // resolved by the body's method
	huaweiMetadataHost         = "169.254.169.254"
	huaweiIAMTimeFormat        = "2006-01-02T15:04:05.000000Z"
	huaweiConfigAgencyError    = "Please configure Cloud Service Agency first"
)

// IAM error codes the emulator answers with, in IAM's {"error_code","error_msg"} shape.
const (
	iamInvalidParameter = "IAM.0003"
	iamUnauthorized     = "IAM.0001"
	iamAgencyNotFound   = "IAM.0064"
	iamIdpNotFound      = "IAM.0006"
	iamIDTokenInvalid   = "IAM.0062"
)

func isHuaweiMetadataHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return host == huaweiMetadataHost
}

// issue creates temporary credentials valid for d and makes the APIs accept them (with their
// security token only).
func (h *huaweiCloud) issue(d time.Duration) (Credential, time.Time) {
	c := Credential{
		AccessKey:     "HWTMP" + strings.ToUpper(newRequestID()[:16]),
		SecretKey:     newRequestID() + newRequestID()[:8],
		SecurityToken: "hwst-" + newRequestID() + newRequestID() + newRequestID(),
	}
	h.credMu.Lock()
	h.creds[c.AccessKey] = c
	h.credMu.Unlock()
	return c, time.Now().Add(d).UTC()
}

// IssuedHuaweiCredentials returns every temporary credential the emulator's IAM or metadata
// service issued so far, in no particular order.
func (s *Server) IssuedHuaweiCredentials() []Credential {
	h := s.huawei
	h.credMu.RLock()
	defer h.credMu.RUnlock()
	var out []Credential
	for _, c := range h.creds {
		if strings.HasPrefix(c.AccessKey, "HWTMP") {
			out = append(out, c)
		}
	}
	return out
}

type huaweiIssuedCredential struct {
	Access        string `json:"access"`
	Secret        string `json:"secret"`
	SecurityToken string `json:"securitytoken"`
	ExpiresAt     string `json:"expires_at"`
}

func issuedBody(c Credential, exp time.Time) map[string]huaweiIssuedCredential {
	return map[string]huaweiIssuedCredential{"credential": {
		Access: c.AccessKey, Secret: c.SecretKey, SecurityToken: c.SecurityToken,
		ExpiresAt: exp.Format(huaweiIAMTimeFormat),
	}}
}

// peekBody reads the request body and puts it back for whoever reads it next.
func peekBody(r *http.Request) []byte {
	if r.Body == nil {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(r.Body, maxSignedBodyBytes+1))
	r.Body = io.NopCloser(bytes.NewReader(b))
	return b
}

// securityTokensRequest is the body of POST /v3.0/OS-CREDENTIAL/securitytokens, either method.
type securityTokensRequest struct {
	Auth struct {
		Identity struct {
			Methods []string `json:"methods"`
			Token   *struct {
				ID              string `json:"id"`
				DurationSeconds *int   `json:"duration_seconds"`
			} `json:"token"`
			AssumeRole *struct {
				AgencyName      string  `json:"agency_name"`
				DomainName      *string `json:"domain_name"`
				DomainID        *string `json:"domain_id"`
				DurationSeconds *int    `json:"duration_seconds"`
			} `json:"assume_role"`
		} `json:"identity"`
	} `json:"auth"`
}

// securityTokensAction tells the two uses of the securitytokens API apart by the body.
func securityTokensAction(r *http.Request) string {
	var req securityTokensRequest
	_ = json.Unmarshal(peekBody(r), &req)
	if slices.Contains(req.Auth.Identity.Methods, "token") {
		return ActionHuaweiAccessKeyByToken
	}
	return ActionHuaweiAccessKeyByAgency
}

// huaweiUnsigned are the IAM actions that authenticate by their body (an ID token, an IAM
// token), not by an AK/SK signature.
var huaweiUnsigned = map[string]bool{ActionHuaweiTokenWithIDToken: true, ActionHuaweiAccessKeyByToken: true}

func durationOf(secs *int, def int) (time.Duration, bool) {
	if secs == nil {
		return time.Duration(def) * time.Second, true
	}
	if *secs < 900 || *secs > 86400 {
		return 0, false
	}
	return time.Duration(*secs) * time.Second, true
}

// createTemporaryAccessKey answers both methods of POST /v3.0/OS-CREDENTIAL/securitytokens.
func (h *huaweiCloud) createTemporaryAccessKey(x *exchange, _ url.Values) (int, any) {
	var req securityTokensRequest
	if err := json.Unmarshal(peekBody(x.r), &req); err != nil {
		return http.StatusBadRequest, huaweiError{ErrorCode: iamInvalidParameter, ErrorMsg: "The request body is invalid."}
	}
	id := req.Auth.Identity
	x.w.Header().Set("X-IAM-Trace-Id", newRequestID())
	if x.rec.Action == ActionHuaweiAccessKeyByToken {
		if id.Token == nil || !h.knownSubjectToken(id.Token.ID) {
			return http.StatusUnauthorized, huaweiError{ErrorCode: iamUnauthorized, ErrorMsg: "The token is invalid or expired."}
		}
		d, ok := durationOf(id.Token.DurationSeconds, 900)
		if !ok {
			return http.StatusBadRequest, huaweiError{ErrorCode: iamInvalidParameter, ErrorMsg: "duration_seconds must be between 900 and 86400."}
		}
		c, exp := h.issue(d)
		return http.StatusCreated, issuedBody(c, exp)
	}
	ar := id.AssumeRole
	if !slices.Contains(id.Methods, "assume_role") || ar == nil || ar.AgencyName == "" ||
		(ar.DomainName == nil && ar.DomainID == nil) {
		return http.StatusBadRequest, huaweiError{ErrorCode: iamInvalidParameter,
			ErrorMsg: "Invalid assume_role: agency_name and domain_name or domain_id are required."}
	}
	d, ok := durationOf(ar.DurationSeconds, 900)
	if !ok {
		return http.StatusBadRequest, huaweiError{ErrorCode: iamInvalidParameter, ErrorMsg: "duration_seconds must be between 900 and 86400."}
	}
	found := false
	for _, a := range h.identity.Agencies {
		if a.AgencyName == ar.AgencyName &&
			(ar.DomainName == nil || *ar.DomainName == a.DomainName) &&
			(ar.DomainID == nil || *ar.DomainID == a.DomainID) {
			found = true
			break
		}
	}
	if !found {
		domain := ""
		if ar.DomainName != nil {
			domain = *ar.DomainName
		} else {
			domain = *ar.DomainID
		}
		return http.StatusNotFound, huaweiError{ErrorCode: iamAgencyNotFound,
			ErrorMsg: "The agency " + ar.AgencyName + " does not exist in domain " + domain + " or may not be assumed by the caller."}
	}
	c, exp := h.issue(d)
	return http.StatusCreated, issuedBody(c, exp)
}

// createTokenWithIDToken answers POST /v3.0/OS-AUTH/id-token/tokens: an OIDC ID token from a
// registered identity provider buys an unscoped IAM token (in X-Subject-Token).
func (h *huaweiCloud) createTokenWithIDToken(x *exchange, _ url.Values) (int, any) {
	x.w.Header().Set("X-IAM-Trace-Id", newRequestID())
	idpID := x.r.Header.Get("X-Idp-Id")
	var body struct {
		Auth struct {
			IDToken struct {
				ID string `json:"id"`
			} `json:"id_token"`
		} `json:"auth"`
	}
	if err := json.Unmarshal(peekBody(x.r), &body); err != nil || body.Auth.IDToken.ID == "" {
		return http.StatusBadRequest, huaweiError{ErrorCode: iamInvalidParameter, ErrorMsg: "The request body is invalid: auth.id_token.id is required."}
	}
	var idp *HuaweiIdentityProvider
	for i := range h.identity.IdentityProviders {
		if h.identity.IdentityProviders[i].ID == idpID {
			idp = &h.identity.IdentityProviders[i]
		}
	}
	if idp == nil {
		return http.StatusNotFound, huaweiError{ErrorCode: iamIdpNotFound, ErrorMsg: "The identity provider " + idpID + " does not exist."}
	}
	if !slices.Contains(idp.Tokens, body.Auth.IDToken.ID) {
		return http.StatusUnauthorized, huaweiError{ErrorCode: iamIDTokenInvalid, ErrorMsg: "The id_token is invalid or expired."}
	}
	token := "MIIhwsubject" + newRequestID() + newRequestID()
	h.credMu.Lock()
	h.subjectTokens[token] = idpID
	h.credMu.Unlock()
	x.w.Header().Set("X-Subject-Token", token)
	now := time.Now().UTC()
	name := "federated-" + idpID
	return http.StatusCreated, map[string]any{"token": map[string]any{
		"expires_at": now.Add(24 * time.Hour).Format(huaweiIAMTimeFormat),
		"issued_at":  now.Format(huaweiIAMTimeFormat),
		"methods":    []string{"mapped"},
		"roles":      []any{},
		"catalog":    []any{},
		"user": map[string]any{
			"name":          name,
			"id":            derivedHuaweiID("user", name),
			"domain":        map[string]any{"name": "emulated-domain", "id": derivedHuaweiID("domain", idpID)},
			"OS-FEDERATION": map[string]any{"identity_provider": map[string]string{"id": idpID}, "protocol": map[string]string{"id": "oidc"}, "groups": []any{}},
		},
	}}
}

func (h *huaweiCloud) knownSubjectToken(t string) bool {
	h.credMu.RLock()
	defer h.credMu.RUnlock()
	_, ok := h.subjectTokens[t]
	return ok
}

// serveMetadata answers the ECS metadata service's two credential paths: the session token
// (PUT /meta-data/latest/api/token) and the agency's temporary credentials
// (GET /openstack/latest/securitykey).
func (h *huaweiCloud) serveMetadata(x *exchange) {
	r := x.r
	switch {
	case r.Method == http.MethodPut && r.URL.Path == "/meta-data/latest/api/token":
		x.rec.Action = ActionHuaweiMetadataToken
	case r.Method == http.MethodGet && r.URL.Path == "/openstack/latest/securitykey":
		x.rec.Action = ActionHuaweiMetadataSecurityKey
	default:
		x.w.Header().Set("Content-Type", "text/plain")
		x.send(http.StatusNotFound, []byte("404 Not Found"))
		return
	}
	if h.srv.intercept(x, h) {
		return
	}
	if x.rec.Action == ActionHuaweiMetadataToken {
		token := "mdtok-" + newRequestID()
		h.credMu.Lock()
		h.metadataTokens[token] = true
		h.credMu.Unlock()
		x.w.Header().Set("Content-Type", "text/plain")
		x.send(http.StatusOK, []byte(token))
		return
	}
	md := h.identity.Metadata
	if md == nil {
		x.w.Header().Set("Content-Type", "text/plain")
		x.send(http.StatusNotFound, []byte(huaweiConfigAgencyError))
		return
	}
	if md.RequireToken {
		h.credMu.RLock()
		ok := h.metadataTokens[r.Header.Get("X-Metadata-Token")]
		h.credMu.RUnlock()
		if !ok {
			x.w.Header().Set("Content-Type", "text/plain")
			x.send(http.StatusUnauthorized, []byte("Unauthorized: invalid metadata token"))
			return
		}
	}
	c, exp := h.issue(24 * time.Hour)
	x.rec.AccessKey = c.AccessKey
	raw, _ := json.Marshal(issuedBody(c, exp))
	x.w.Header().Set("Content-Type", "application/json")
	x.send(http.StatusOK, raw)
}
