package emulator

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Alibaba Cloud Sts (2015-04-01, RPC style): AssumeRole, signed with HMAC-SHA1 over the RPC
// string-to-sign as credentials-go sends it (query + form body), and AssumeRoleWithOIDC,
// unsigned but carrying an ID token. The ECS metadata service at 100.100.100.200 issues the
// instance role's credentials. Every credential issued is accepted by the APIs, with its
// security token only, until it expires.

const (
	stsProduct            = "Sts"
	stsVersion            = "2015-04-01"
	stsAssumeRole         = "AssumeRole"
	stsAssumeRoleWithOIDC = "AssumeRoleWithOIDC"

	// AlibabaMetadataHost is the ECS instance-metadata address.
	AlibabaMetadataHost = "100.100.100.200"

	// The actions metadata requests are recorded (and faults injected) under.
	AlibabaMetadataTokenAction       = "ECSMetadataToken"       // PUT /latest/api/token
	AlibabaMetadataRoleNameAction    = "ECSMetadataRoleName"    // GET .../security-credentials/
	AlibabaMetadataCredentialsAction = "ECSMetadataCredentials" // GET .../security-credentials/<role>
)

// Sts errors, with the statuses Alibaba documents for them.
var (
	stsRoleNotExist         = &failure{http.StatusNotFound, "EntityNotExist.Role", "The specified Role not exists ."}
	stsOIDCProviderNotExist = &failure{http.StatusNotFound, "EntityNotExist.OIDCProvider", "The specified OIDCProvider not exists."}
	stsNoPermission         = &failure{http.StatusForbidden, "NoPermission", "You are not authorized to do this action. You should be authorized by RAM."}
	stsOIDCTokenInvalid     = &failure{http.StatusBadRequest, "AuthenticationFail.OIDCToken.Invalid", "The OIDCToken is invalid."}
	stsDurationInvalid      = &failure{http.StatusBadRequest, "InvalidParameter.DurationSeconds", "The parameter DurationSeconds is wrongly formed: it must be between 900 and 43200."}
	aliTokenExpired         = &failure{http.StatusBadRequest, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."}
)

// IssuedCredential is a temporary credential the emulated Alibaba Cloud handed out.
type IssuedCredential struct {
	Credential
	Via     string // AssumeRole, AssumeRoleWithOIDC or ECSMetadataCredentials
	RoleARN string // or the metadata role name
	Caller  string // AssumeRole: the AccessKey ID that signed the request
	Expires time.Time
}

// AlibabaIssued returns every credential issued so far, in order.
func (s *Server) AlibabaIssued() []IssuedCredential {
	a := s.alibaba
	a.credMu.RLock()
	defer a.credMu.RUnlock()
	return slices.Clone(a.issued)
}

// credential returns the accepted credential for accessKey, and whether it has expired.
func (a *alibabaCloud) credential(accessKey string) (cred Credential, ok, expired bool) {
	a.credMu.RLock()
	defer a.credMu.RUnlock()
	cred, ok = a.creds[accessKey]
	if exp, temp := a.expiry[accessKey]; ok && temp && !time.Now().Before(exp) {
		expired = true
	}
	return cred, ok, expired
}

// issue creates a temporary credential valid for d and makes the APIs accept it.
func (a *alibabaCloud) issue(via, role, caller string, d time.Duration) IssuedCredential {
	c := IssuedCredential{
		Credential: Credential{
			AccessKey:     "STS.NEMU" + strings.ToUpper(randomHex(10)),
			SecretKey:     randomHex(16),
			SecurityToken: "CAIS" + randomHex(32),
		},
		Via: via, RoleARN: role, Caller: caller,
		Expires: time.Now().Add(d).UTC().Truncate(time.Second),
	}
	a.credMu.Lock()
	a.creds[c.AccessKey] = c.Credential
	a.expiry[c.AccessKey] = c.Expires
	a.issued = append(a.issued, c)
	a.credMu.Unlock()
	return c
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (a *alibabaCloud) lifetime() time.Duration {
	if a.identity.CredentialLifetime > 0 {
		return a.identity.CredentialLifetime
	}
	return time.Hour
}

// isSTSRequest: credentials-go sends Version and Action in the query string.
func isSTSRequest(r *http.Request) bool {
	q := r.URL.Query()
	return q.Get("Version") == stsVersion && (q.Get("Action") == stsAssumeRole || q.Get("Action") == stsAssumeRoleWithOIDC)
}

// stsCredentials is the Credentials object of an Sts answer.
type stsCredentials struct {
	SecurityToken   string `json:"SecurityToken"`
	Expiration      string `json:"Expiration"`
	AccessKeySecret string `json:"AccessKeySecret"`
	AccessKeyID     string `json:"AccessKeyId"`
}

type stsAssumedRoleUser struct {
	Arn           string `json:"Arn"`
	AssumedRoleID string `json:"AssumedRoleId"`
}

type stsPayload struct {
	RequestID       string             `json:"RequestId"`
	AssumedRoleUser stsAssumedRoleUser `json:"AssumedRoleUser"`
	Credentials     stsCredentials     `json:"Credentials"`
}

// serveSTS answers AssumeRole and AssumeRoleWithOIDC.
func (a *alibabaCloud) serveSTS(x *exchange) {
	x.rec.Action = x.r.URL.Query().Get("Action")
	params, f := stsParams(x.r)
	if f == nil {
		if x.rec.Action == stsAssumeRole {
			f = a.authenticateRPC(x, params)
		}
	}
	var role *AlibabaRole
	var duration time.Duration
	if f == nil {
		role, duration, f = a.checkAssume(x, params)
	}
	if f != nil {
		a.fail(x, *f)
		return
	}
	if a.srv.intercept(x, a) {
		return
	}
	session := params.Get("RoleSessionName")
	c := a.issue(x.rec.Action, role.ARN, x.rec.AccessKey, duration)
	a.reply(x, http.StatusOK, stsPayload{
		RequestID: x.rec.RequestID,
		AssumedRoleUser: stsAssumedRoleUser{
			Arn:           strings.Replace(role.ARN, ":role/", ":assumed-role/", 1) + "/" + session,
			AssumedRoleID: "3" + randomHex(8) + ":" + session,
		},
		Credentials: stsCredentials{
			SecurityToken: c.SecurityToken, Expiration: c.Expires.Format(acsDateFormat),
			AccessKeySecret: c.SecretKey, AccessKeyID: c.AccessKey,
		},
	})
}

// stsParams merges the query and the form body, as the gateway reads RPC parameters.
func stsParams(r *http.Request) (url.Values, *failure) {
	body, err := readBody(r)
	if err != nil {
		return nil, aliSignatureMismatch
	}
	params := r.URL.Query()
	if len(body) > 0 {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, aliMissingParameter("RoleArn")
		}
		for k, vs := range form {
			params[k] = append(params[k], vs...)
		}
	}
	return params, nil
}

// authenticateRPC verifies the RPC (signature version 1.0) HMAC-SHA1 signature, timestamp,
// nonce and security token.
func (a *alibabaCloud) authenticateRPC(x *exchange, params url.Values) *failure {
	ak := params.Get("AccessKeyId")
	sig := params.Get("Signature")
	x.rec.AccessKey = ak
	if ak == "" || sig == "" || params.Get("SignatureMethod") != "HMAC-SHA1" || params.Get("SignatureVersion") != "1.0" {
		return aliIncompleteSignature
	}
	cred, ok, expired := a.credential(ak)
	if !ok {
		return aliAccessKeyNotFound
	}
	ts := params.Get("Timestamp")
	if ts == "" {
		return aliTimestampMissing
	}
	sent, err := time.Parse(acsDateFormat, ts)
	if err != nil {
		return aliTimestampFormat
	}
	now := time.Now()
	if now.Sub(sent).Abs() > alibabaMaxSkew {
		return aliTimestampExpired
	}
	nonce := params.Get("SignatureNonce")
	if nonce == "" {
		return aliMissingParameter("SignatureNonce")
	}
	if !constantTimeEqual(rpcSignature(x.r.Method, cred.SecretKey, params), sig) {
		return aliSignatureMismatch
	}
	token := params.Get("SecurityToken")
	switch {
	case cred.SecurityToken == "" && token != "":
		return aliTokenMalformed
	case cred.SecurityToken != "" && token == "":
		return aliMissingParameter("SecurityToken")
	case cred.SecurityToken != "" && !constantTimeEqual(token, cred.SecurityToken):
		return aliTokenMismatch
	case expired:
		return aliTokenExpired
	}
	if !a.useNonce(ak+"\n"+nonce, sent.Add(alibabaMaxSkew), now) {
		return aliNonceUsed
	}
	return nil
}

// rpcSignature is base64(HMAC-SHA1(secret + "&", METHOD + "&%2F&" + escape(canonical query))),
// over every parameter but Signature.
func rpcSignature(method, secret string, params url.Values) string {
	signed := url.Values{}
	for k, vs := range params {
		if k != "Signature" {
			signed[k] = vs
		}
	}
	canonical := strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(signed.Encode())
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(method + "&%2F&" + url.QueryEscape(canonical)))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// checkAssume checks the role, its trust and the duration.
func (a *alibabaCloud) checkAssume(x *exchange, params url.Values) (*AlibabaRole, time.Duration, *failure) {
	arn := params.Get("RoleArn")
	if arn == "" {
		return nil, 0, aliMissingParameter("RoleArn")
	}
	if params.Get("RoleSessionName") == "" {
		return nil, 0, aliMissingParameter("RoleSessionName")
	}
	duration := time.Hour
	if s := params.Get("DurationSeconds"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 900 || n > 43200 {
			return nil, 0, stsDurationInvalid
		}
		duration = time.Duration(n) * time.Second
	}
	if x.rec.Action == stsAssumeRoleWithOIDC {
		providerARN := params.Get("OIDCProviderArn")
		token := params.Get("OIDCToken")
		if providerARN == "" {
			return nil, 0, aliMissingParameter("OIDCProviderArn")
		}
		if token == "" {
			return nil, 0, aliMissingParameter("OIDCToken")
		}
		i := slices.IndexFunc(a.identity.OIDCProviders, func(p AlibabaOIDCProvider) bool { return p.ARN == providerARN })
		if i < 0 {
			return nil, 0, stsOIDCProviderNotExist
		}
		if !slices.ContainsFunc(a.identity.OIDCProviders[i].Tokens, func(t string) bool { return constantTimeEqual(t, strings.TrimSpace(token)) }) {
			return nil, 0, stsOIDCTokenInvalid
		}
	}
	j := slices.IndexFunc(a.identity.Roles, func(r AlibabaRole) bool { return r.ARN == arn })
	if j < 0 {
		return nil, 0, stsRoleNotExist
	}
	role := &a.identity.Roles[j]
	if x.rec.Action == stsAssumeRoleWithOIDC {
		if role.OIDCProviderARN != params.Get("OIDCProviderArn") {
			return nil, 0, stsNoPermission
		}
		return role, duration, nil
	}
	if role.Trusted != nil && !slices.Contains(role.Trusted, x.rec.AccessKey) {
		return nil, 0, stsNoPermission
	}
	if role.ExternalID != "" && !constantTimeEqual(role.ExternalID, params.Get("ExternalId")) {
		return nil, 0, stsNoPermission
	}
	return role, duration, nil
}

// ecsMetadataResponse is what the metadata service answers for a role's credentials.
type ecsMetadataResponse struct {
	AccessKeyID     string `json:"AccessKeyId"`
	AccessKeySecret string `json:"AccessKeySecret"`
	Expiration      string `json:"Expiration"`
	SecurityToken   string `json:"SecurityToken"`
	LastUpdated     string `json:"LastUpdated"`
	Code            string `json:"Code"`
}

const metadataCredentialsPath = "/latest/meta-data/ram/security-credentials/"

// serveMetadata answers the ECS metadata service: IMDSv2 tokens, the role name and the role's
// credentials. Requests with an invalid token are refused (401) as IMDS hardened mode does;
// requests without one are served (IMDSv1), as in the default mode.
func (a *alibabaCloud) serveMetadata(x *exchange) {
	r := x.r
	x.rec.RequestID = alibabaRequestID(x.rec.RequestID)
	text := func(status int, body string) {
		x.w.Header().Set("Content-Type", "text/plain")
		x.send(status, []byte(body))
	}
	switch {
	case r.URL.Path == "/latest/api/token" && r.Method == http.MethodPut:
		x.rec.Action = AlibabaMetadataTokenAction
	case r.URL.Path == metadataCredentialsPath && r.Method == http.MethodGet:
		x.rec.Action = AlibabaMetadataRoleNameAction
	case strings.HasPrefix(r.URL.Path, metadataCredentialsPath) && r.Method == http.MethodGet:
		x.rec.Action = AlibabaMetadataCredentialsAction
	default:
		text(http.StatusNotFound, "Not Found")
		return
	}
	if x.rec.Action != AlibabaMetadataTokenAction {
		if tok := r.Header.Get("X-aliyun-ecs-metadata-token"); tok != "" {
			a.credMu.RLock()
			exp, ok := a.metadataTokens[tok]
			a.credMu.RUnlock()
			if !ok || !time.Now().Before(exp) {
				text(http.StatusUnauthorized, "Unauthorized")
				return
			}
		}
	}
	if a.srv.intercept(x, a) {
		return
	}
	switch x.rec.Action {
	case AlibabaMetadataTokenAction:
		ttl, err := strconv.Atoi(r.Header.Get("X-aliyun-ecs-metadata-token-ttl-seconds"))
		if err != nil || ttl < 1 || ttl > 21600 {
			text(http.StatusBadRequest, "Bad Request")
			return
		}
		tok := randomHex(24)
		a.credMu.Lock()
		a.metadataTokens[tok] = time.Now().Add(time.Duration(ttl) * time.Second)
		a.credMu.Unlock()
		text(http.StatusOK, tok)
	case AlibabaMetadataRoleNameAction:
		if a.identity.MetadataRole == "" {
			text(http.StatusNotFound, "Not Found")
			return
		}
		text(http.StatusOK, a.identity.MetadataRole)
	default:
		role := strings.TrimPrefix(r.URL.Path, metadataCredentialsPath)
		if a.identity.MetadataRole == "" || role != a.identity.MetadataRole {
			text(http.StatusNotFound, "Not Found")
			return
		}
		c := a.issue(AlibabaMetadataCredentialsAction, role, "", a.lifetime())
		x.rec.AccessKey = c.AccessKey
		a.reply(x, http.StatusOK, ecsMetadataResponse{
			AccessKeyID: c.AccessKey, AccessKeySecret: c.SecretKey, SecurityToken: c.SecurityToken,
			Expiration: c.Expires.Format(acsDateFormat), LastUpdated: time.Now().UTC().Format(acsDateFormat),
			Code: "Success",
		})
	}
}
