package huawei

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// Huawei credential-source actions, as the emulator records them.
const (
	ActionTokenWithIDToken    = "CreateTokenWithIdToken"
	ActionAccessKeyByToken    = "CreateTemporaryAccessKeyByToken"
	ActionAccessKeyByAgency   = "CreateTemporaryAccessKeyByAgency"
	ActionMetadataToken       = "GetMetadataToken"
	ActionMetadataSecurityKey = "GetMetadataSecurityKey"

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

func isHuaweiMetadataHost(host string) bool { return emulator.HostOnly(host) == huaweiMetadataHost }

// issue creates temporary credentials valid for d and makes the APIs accept them (with their
// security token only); via, role and caller are for Issued.
func (h *Cloud) issue(d time.Duration, via, role, caller string) (emulator.Credential, time.Time) {
	c := emulator.Credential{
		AccessKey:     "HWTMP" + strings.ToUpper(emulator.RandomHex(8)),
		SecretKey:     emulator.RandomHex(20),
		SecurityToken: "hwst-" + emulator.RandomHex(48),
	}
	exp := time.Now().Add(d).UTC()
	h.credMu.Lock()
	h.creds[c.AccessKey] = c
	h.issuedCreds = append(h.issuedCreds, emulator.IssuedCredential{
		Credential: c, Cloud: Name, Via: via, Role: role, Caller: caller, Expires: exp,
	})
	h.credMu.Unlock()
	return c, exp
}

// Issued returns every temporary credential the emulator's IAM or metadata service issued so
// far, in order.
func (h *Cloud) Issued() []emulator.IssuedCredential {
	h.credMu.RLock()
	defer h.credMu.RUnlock()
	return slices.Clone(h.issuedCreds)
}

type huaweiIssuedCredential struct {
	Access        string `json:"access"`
	Secret        string `json:"secret"`
	SecurityToken string `json:"securitytoken"`
	ExpiresAt     string `json:"expires_at"`
}

func issuedBody(c emulator.Credential, exp time.Time) map[string]huaweiIssuedCredential {
	return map[string]huaweiIssuedCredential{"credential": {
		Access: c.AccessKey, Secret: c.SecretKey, SecurityToken: c.SecurityToken,
		ExpiresAt: exp.Format(huaweiIAMTimeFormat),
	}}
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
	body, _ := emulator.ReadBody(r)
	_ = json.Unmarshal(body, &req)
	if slices.Contains(req.Auth.Identity.Methods, "token") {
		return ActionAccessKeyByToken
	}
	return ActionAccessKeyByAgency
}

// huaweiUnsigned are the IAM actions that authenticate by their body (an ID token, an IAM
// token), not by an AK/SK signature.
var huaweiUnsigned = map[string]bool{ActionTokenWithIDToken: true, ActionAccessKeyByToken: true}

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
func (h *Cloud) createTemporaryAccessKey(x *emulator.Exchange, _ url.Values) (int, any) {
	var req securityTokensRequest
	raw, _ := emulator.ReadBody(x.R)
	if err := json.Unmarshal(raw, &req); err != nil {
		return http.StatusBadRequest, huaweiError{ErrorCode: iamInvalidParameter, ErrorMsg: "The request body is invalid."}
	}
	id := req.Auth.Identity
	x.W.Header().Set("X-IAM-Trace-Id", emulator.NewRequestID())
	if x.Rec.Action == ActionAccessKeyByToken {
		idp, known := "", false
		if id.Token != nil {
			idp, known = h.subjectToken(id.Token.ID)
		}
		if !known {
			return http.StatusUnauthorized, huaweiError{ErrorCode: iamUnauthorized, ErrorMsg: "The token is invalid or expired."}
		}
		d, ok := durationOf(id.Token.DurationSeconds, 900)
		if !ok {
			return http.StatusBadRequest, huaweiError{ErrorCode: iamInvalidParameter, ErrorMsg: "duration_seconds must be between 900 and 86400."}
		}
		c, exp := h.issue(d, x.Rec.Action, idp, "")
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
	c, exp := h.issue(d, x.Rec.Action, ar.AgencyName, x.Rec.AccessKey)
	return http.StatusCreated, issuedBody(c, exp)
}

// createTokenWithIDToken answers POST /v3.0/OS-AUTH/id-token/tokens: an OIDC ID token from a
// registered identity provider buys an unscoped IAM token (in X-Subject-Token).
func (h *Cloud) createTokenWithIDToken(x *emulator.Exchange, _ url.Values) (int, any) {
	x.W.Header().Set("X-IAM-Trace-Id", emulator.NewRequestID())
	idpID := x.R.Header.Get("X-Idp-Id")
	var body struct {
		Auth struct {
			IDToken struct {
				ID string `json:"id"`
			} `json:"id_token"`
		} `json:"auth"`
	}
	raw, _ := emulator.ReadBody(x.R)
	if err := json.Unmarshal(raw, &body); err != nil || body.Auth.IDToken.ID == "" {
		return http.StatusBadRequest, huaweiError{ErrorCode: iamInvalidParameter, ErrorMsg: "The request body is invalid: auth.id_token.id is required."}
	}
	var idp *IdentityProvider
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
	token := "MIIhwsubject" + emulator.NewRequestID() + emulator.NewRequestID()
	h.credMu.Lock()
	h.subjectTokens[token] = idpID
	h.credMu.Unlock()
	x.W.Header().Set("X-Subject-Token", token)
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

// subjectToken returns the identity provider whose ID token bought IAM token t.
func (h *Cloud) subjectToken(t string) (idp string, ok bool) {
	h.credMu.RLock()
	defer h.credMu.RUnlock()
	idp, ok = h.subjectTokens[t]
	return idp, ok
}

// serveMetadata answers the ECS metadata service's two credential paths: the session token
// (PUT /meta-data/latest/api/token) and the agency's temporary credentials
// (GET /openstack/latest/securitykey).
func (h *Cloud) serveMetadata(x *emulator.Exchange) {
	r := x.R
	switch {
	case r.Method == http.MethodPut && r.URL.Path == "/meta-data/latest/api/token":
		x.Rec.Action = ActionMetadataToken
	case r.Method == http.MethodGet && r.URL.Path == "/openstack/latest/securitykey":
		x.Rec.Action = ActionMetadataSecurityKey
	default:
		x.W.Header().Set("Content-Type", "text/plain")
		x.Send(http.StatusNotFound, []byte("404 Not Found"))
		return
	}
	if x.Intercept(h) {
		return
	}
	if x.Rec.Action == ActionMetadataToken {
		token := "mdtok-" + emulator.NewRequestID()
		h.credMu.Lock()
		h.metadataTokens[token] = true
		h.credMu.Unlock()
		x.W.Header().Set("Content-Type", "text/plain")
		x.Send(http.StatusOK, []byte(token))
		return
	}
	md := h.identity.Metadata
	if md == nil {
		x.W.Header().Set("Content-Type", "text/plain")
		x.Send(http.StatusNotFound, []byte(huaweiConfigAgencyError))
		return
	}
	if md.RequireToken {
		h.credMu.RLock()
		ok := h.metadataTokens[r.Header.Get("X-Metadata-Token")]
		h.credMu.RUnlock()
		if !ok {
			x.W.Header().Set("Content-Type", "text/plain")
			x.Send(http.StatusUnauthorized, []byte("Unauthorized: invalid metadata token"))
			return
		}
	}
	c, exp := h.issue(24*time.Hour, x.Rec.Action, "", "")
	x.Rec.AccessKey = c.AccessKey
	raw, _ := json.Marshal(issuedBody(c, exp))
	x.W.Header().Set("Content-Type", "application/json")
	x.Send(http.StatusOK, raw)
}
