package alibaba

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
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

	// MetadataHost is the ECS instance-metadata address.
	MetadataHost = "100.100.100.200"

	// The actions metadata requests are recorded (and faults injected) under.
	ActionMetadataToken       = "ECSMetadataToken"       // PUT /latest/api/token
	ActionMetadataRoleName    = "ECSMetadataRoleName"    // GET .../security-credentials/
	ActionMetadataCredentials = "ECSMetadataCredentials" // GET .../security-credentials/<role>
)

// Sts errors, with the statuses Alibaba documents for them.
var (
	stsRoleNotExist         = &emulator.Failure{Status: http.StatusNotFound, Code: "EntityNotExist.Role", Message: "The specified Role not exists ."}
	stsOIDCProviderNotExist = &emulator.Failure{Status: http.StatusNotFound, Code: "EntityNotExist.OIDCProvider", Message: "The specified OIDCProvider not exists."}
	stsNoPermission         = &emulator.Failure{Status: http.StatusForbidden, Code: "NoPermission", Message: "You are not authorized to do this action. You should be authorized by RAM."}
	stsOIDCTokenInvalid     = &emulator.Failure{Status: http.StatusBadRequest, Code: "AuthenticationFail.OIDCToken.Invalid", Message: "The OIDCToken is invalid."}
	stsDurationInvalid      = &emulator.Failure{Status: http.StatusBadRequest, Code: "InvalidParameter.DurationSeconds", Message: "The parameter DurationSeconds is wrongly formed: it must be between 900 and 43200."}
	aliTokenExpired         = &emulator.Failure{Status: http.StatusBadRequest, Code: "InvalidSecurityToken.Expired", Message: "Specified SecurityToken is expired."}
)

// Issued returns every credential issued so far, in order.
func (a *Cloud) Issued() []emulator.IssuedCredential {
	a.credMu.RLock()
	defer a.credMu.RUnlock()
	return slices.Clone(a.issued)
}

// credential returns the accepted credential for accessKey, and whether it has expired.
func (a *Cloud) credential(accessKey string) (cred emulator.Credential, ok, expired bool) {
	a.credMu.RLock()
	defer a.credMu.RUnlock()
	cred, ok = a.creds[accessKey]
	if exp, temp := a.expiry[accessKey]; ok && temp && !time.Now().Before(exp) {
		expired = true
	}
	return cred, ok, expired
}

// issue creates a temporary credential valid for d and makes the APIs accept it.
func (a *Cloud) issue(via, role, caller string, d time.Duration) emulator.IssuedCredential {
	c := emulator.IssuedCredential{
		Credential: emulator.Credential{
			AccessKey:     "STS.NEMU" + strings.ToUpper(emulator.RandomHex(10)),
			SecretKey:     emulator.RandomHex(16),
			SecurityToken: "CAIS" + emulator.RandomHex(32),
		},
		Cloud: Name, Via: via, Role: role, Caller: caller,
		Expires: time.Now().Add(d).UTC().Truncate(time.Second),
	}
	a.credMu.Lock()
	a.creds[c.AccessKey] = c.Credential
	a.expiry[c.AccessKey] = c.Expires
	a.issued = append(a.issued, c)
	a.credMu.Unlock()
	return c
}

func (a *Cloud) lifetime() time.Duration {
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
func (a *Cloud) serveSTS(x *emulator.Exchange) {
	x.Rec.Action = x.R.URL.Query().Get("Action")
	params, f := stsParams(x.R)
	if f == nil {
		if x.Rec.Action == stsAssumeRole {
			f = a.authenticateRPC(x, params)
		}
	}
	var role *Role
	var duration time.Duration
	if f == nil {
		role, duration, f = a.checkAssume(x, params)
	}
	if f != nil {
		a.Fail(x, *f)
		return
	}
	if x.Intercept(a) {
		return
	}
	session := params.Get("RoleSessionName")
	c := a.issue(x.Rec.Action, role.ARN, x.Rec.AccessKey, duration)
	a.reply(x, http.StatusOK, stsPayload{
		RequestID: x.Rec.RequestID,
		AssumedRoleUser: stsAssumedRoleUser{
			Arn:           strings.Replace(role.ARN, ":role/", ":assumed-role/", 1) + "/" + session,
			AssumedRoleID: "3" + emulator.RandomHex(8) + ":" + session,
		},
		Credentials: stsCredentials{
			SecurityToken: c.SecurityToken, Expiration: c.Expires.Format(acsDateFormat),
			AccessKeySecret: c.SecretKey, AccessKeyID: c.AccessKey,
		},
	})
}

// stsParams merges the query and the form body, as the gateway reads RPC parameters.
func stsParams(r *http.Request) (url.Values, *emulator.Failure) {
	body, err := emulator.ReadBody(r)
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
func (a *Cloud) authenticateRPC(x *emulator.Exchange, params url.Values) *emulator.Failure {
	ak := params.Get("AccessKeyId")
	sig := params.Get("Signature")
	x.Rec.AccessKey = ak
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
	if !emulator.ConstantTimeEqual(rpcSignature(x.R.Method, cred.SecretKey, params), sig) {
		return aliSignatureMismatch
	}
	token := params.Get("SecurityToken")
	switch {
	case cred.SecurityToken == "" && token != "":
		return aliTokenMalformed
	case cred.SecurityToken != "" && token == "":
		return aliMissingParameter("SecurityToken")
	case cred.SecurityToken != "" && !emulator.ConstantTimeEqual(token, cred.SecurityToken):
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
func (a *Cloud) checkAssume(x *emulator.Exchange, params url.Values) (*Role, time.Duration, *emulator.Failure) {
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
	if x.Rec.Action == stsAssumeRoleWithOIDC {
		providerARN := params.Get("OIDCProviderArn")
		token := params.Get("OIDCToken")
		if providerARN == "" {
			return nil, 0, aliMissingParameter("OIDCProviderArn")
		}
		if token == "" {
			return nil, 0, aliMissingParameter("OIDCToken")
		}
		i := slices.IndexFunc(a.identity.OIDCProviders, func(p OIDCProvider) bool { return p.ARN == providerARN })
		if i < 0 {
			return nil, 0, stsOIDCProviderNotExist
		}
		if !slices.ContainsFunc(a.identity.OIDCProviders[i].Tokens, func(t string) bool { return emulator.ConstantTimeEqual(t, strings.TrimSpace(token)) }) {
			return nil, 0, stsOIDCTokenInvalid
		}
	}
	j := slices.IndexFunc(a.identity.Roles, func(r Role) bool { return r.ARN == arn })
	if j < 0 {
		return nil, 0, stsRoleNotExist
	}
	role := &a.identity.Roles[j]
	if x.Rec.Action == stsAssumeRoleWithOIDC {
		if role.OIDCProviderARN != params.Get("OIDCProviderArn") {
			return nil, 0, stsNoPermission
		}
		return role, duration, nil
	}
	if role.Trusted != nil && !slices.Contains(role.Trusted, x.Rec.AccessKey) {
		return nil, 0, stsNoPermission
	}
	if role.ExternalID != "" && !emulator.ConstantTimeEqual(role.ExternalID, params.Get("ExternalId")) {
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
func (a *Cloud) serveMetadata(x *emulator.Exchange) {
	r := x.R
	x.Rec.RequestID = alibabaRequestID(x.Rec.RequestID)
	text := func(status int, body string) {
		x.W.Header().Set("Content-Type", "text/plain")
		x.Send(status, []byte(body))
	}
	switch {
	case r.URL.Path == "/latest/api/token" && r.Method == http.MethodPut:
		x.Rec.Action = ActionMetadataToken
	case r.URL.Path == metadataCredentialsPath && r.Method == http.MethodGet:
		x.Rec.Action = ActionMetadataRoleName
	case strings.HasPrefix(r.URL.Path, metadataCredentialsPath) && r.Method == http.MethodGet:
		x.Rec.Action = ActionMetadataCredentials
	default:
		text(http.StatusNotFound, "Not Found")
		return
	}
	if x.Rec.Action != ActionMetadataToken {
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
	if x.Intercept(a) {
		return
	}
	switch x.Rec.Action {
	case ActionMetadataToken:
		ttl, err := strconv.Atoi(r.Header.Get("X-aliyun-ecs-metadata-token-ttl-seconds"))
		if err != nil || ttl < 1 || ttl > 21600 {
			text(http.StatusBadRequest, "Bad Request")
			return
		}
		tok := emulator.RandomHex(24)
		a.credMu.Lock()
		a.metadataTokens[tok] = time.Now().Add(time.Duration(ttl) * time.Second)
		a.credMu.Unlock()
		text(http.StatusOK, tok)
	case ActionMetadataRoleName:
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
		c := a.issue(ActionMetadataCredentials, role, "", a.lifetime())
		x.Rec.AccessKey = c.AccessKey
		a.reply(x, http.StatusOK, ecsMetadataResponse{
			AccessKeyID: c.AccessKey, AccessKeySecret: c.SecretKey, SecurityToken: c.SecurityToken,
			Expiration: c.Expires.Format(acsDateFormat), LastUpdated: time.Now().UTC().Format(acsDateFormat),
			Code: "Success",
		})
	}
}
