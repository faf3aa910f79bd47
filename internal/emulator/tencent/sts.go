package tencent

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// Tencent Cloud STS (API 3.0, version 2018-08-13) and the CVM instance metadata's role
// credentials. Both issue temporary credentials that TCSS then accepts, only with their token.

const (
	stsService   = "sts"
	tcSTSVersion = "2018-08-13"

	// stsDefaultDuration and stsMaxDuration are DurationSeconds' default and upper bound.
	stsDefaultDuration = 7200
	stsMaxDuration     = 43200

	tencentMetadataRolePath = "/latest/meta-data/cam/security-credentials/"

	// STS error codes, from Tencent's STS API documentation.
	tcCodeRoleNotExist     = "InvalidParameter.RoleNotExist"
	tcCodeWebIdentityToken = "InvalidParameter.WebIdentityTokenError"
	tcCodeParamError       = "InvalidParameter.ParamError"

	tcMsgRoleNotExist     = "role not exist"
	tcMsgWebIdentityToken = "the web identity token is invalid or expired"
	tcMsgProviderNotExist = "the identity provider `%s` does not exist"
	tcMsgDurationRange    = "DurationSeconds must be between 1 and 43200"
)

// Issued lists the temporary credentials issued so far, in order.
func (t *Cloud) Issued() []emulator.IssuedCredential {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return slices.Clone(t.issued)
}

// isSTS reports whether r is addressed to STS rather than TCSS.
func isSTS(r *http.Request) bool {
	switch r.Header.Get("X-TC-Action") {
	case ActionAssumeRole, ActionAssumeRoleWithWebIdentity:
		return true
	}
	return r.Header.Get("X-TC-Version") == tcSTSVersion
}

// isTencentMetadata reports whether r is addressed to the CVM metadata host.
func isTencentMetadata(r *http.Request) bool { return emulator.HostOnly(r.Host) == MetadataHost }

// issue makes a temporary credential valid for seconds (caller: the SecretId that signed the
// request, "" for unsigned ones) and adds it to the accepted ones.
func (t *Cloud) issue(source, role, caller string, seconds int64) emulator.IssuedCredential {
	now := time.Now()
	c := emulator.IssuedCredential{
		Credential: emulator.Credential{
			AccessKey:     "AKIDTMP" + strings.ToUpper(emulator.RandomHex(12)),
			SecretKey:     emulator.RandomHex(16),
			SecurityToken: "tctoken-" + emulator.RandomHex(24),
		},
		Cloud:   Name,
		Via:     source,
		Role:    role,
		Caller:  caller,
		Expires: now.Add(time.Duration(seconds) * time.Second).UTC().Truncate(time.Second),
	}
	t.mu.Lock()
	t.creds[c.AccessKey] = c.Credential
	t.issued = append(t.issued, c)
	t.mu.Unlock()
	return c
}

// tcSTSCredentials, tcSTSPayload: the AssumeRole / AssumeRoleWithWebIdentity answer.
type tcSTSCredentials struct {
	Token        string `json:"Token"`
	TmpSecretId  string `json:"TmpSecretId"` //nolint:revive // vendor field name
	TmpSecretKey string `json:"TmpSecretKey"`
}

type tcSTSPayload struct {
	Credentials tcSTSCredentials `json:"Credentials"`
	ExpiredTime int64            `json:"ExpiredTime"`
	Expiration  string           `json:"Expiration"`
	RequestID   string           `json:"RequestId"`
}

// serveSTS answers AssumeRole (TC3-signed by a known permanent or issued key) and
// AssumeRoleWithWebIdentity (unsigned: the SDK sends "Authorization: SKIP"; the token is the
// proof).
func (t *Cloud) serveSTS(x *emulator.Exchange) {
	var body []byte
	var apiErr *tencentAPIError
	if x.Rec.Action == ActionAssumeRoleWithWebIdentity {
		var err error
		if body, err = emulator.ReadBody(x.R); err != nil {
			apiErr = tcError(tcCodeRequestSizeLimit, tcMsgRequestSizeLimit)
		}
	} else {
		body, _, apiErr = t.verify(x, stsService)
	}
	var params map[string]json.RawMessage
	if apiErr == nil {
		apiErr = t.stsRoute(x, body, &params)
	}
	if apiErr == nil && x.Intercept(t) {
		return
	}
	var issued emulator.IssuedCredential
	if apiErr == nil {
		issued, apiErr = t.assume(x, params)
	}
	if apiErr != nil {
		t.reply(x, http.StatusOK, tencentErrorPayload{Error: *apiErr, RequestID: x.Rec.RequestID})
		return
	}
	t.reply(x, http.StatusOK, tcSTSPayload{
		Credentials: tcSTSCredentials{
			Token: issued.SecurityToken, TmpSecretId: issued.AccessKey, TmpSecretKey: issued.SecretKey,
		},
		ExpiredTime: issued.Expires.Unix(),
		Expiration:  issued.Expires.Format(time.RFC3339),
		RequestID:   x.Rec.RequestID,
	})
}

// stsRoute checks version, action and the JSON body.
func (t *Cloud) stsRoute(x *emulator.Exchange, body []byte, params *map[string]json.RawMessage) *tencentAPIError {
	version := x.R.Header.Get("X-TC-Version")
	switch {
	case version == "":
		return tcError(tcCodeMissingParameter, tcMsgMissingParameter, "Version")
	case version != tcSTSVersion:
		return tcError(tcCodeNoSuchVersion, tcMsgNoSuchVersion, version, stsService)
	case x.Rec.Action == "":
		return tcError(tcCodeMissingParameter, tcMsgMissingParameter, "Action")
	case x.Rec.Action != ActionAssumeRole && x.Rec.Action != ActionAssumeRoleWithWebIdentity:
		return tcError(tcCodeInvalidAction, tcMsgInvalidAction, x.Rec.Action, stsService, version)
	}
	if err := json.Unmarshal(body, params); err != nil || *params == nil {
		return tcError(tcCodeInvalidParameter, tcMsgInvalidJSON)
	}
	return nil
}

// assume checks the role (and, for web identity, the provider and token), then issues.
func (t *Cloud) assume(x *emulator.Exchange, params map[string]json.RawMessage) (emulator.IssuedCredential, *tencentAPIError) {
	str := func(name string) (string, bool) {
		var s string
		raw, ok := params[name]
		return s, ok && json.Unmarshal(raw, &s) == nil && s != ""
	}
	required := []string{"RoleArn", "RoleSessionName"}
	if x.Rec.Action == ActionAssumeRoleWithWebIdentity {
		required = append(required, "ProviderId", "WebIdentityToken")
	}
	for _, name := range required {
		if _, ok := str(name); !ok {
			return emulator.IssuedCredential{}, tcError(tcCodeMissingParameter, tcMsgMissingParameter, name)
		}
	}
	seconds := int64(stsDefaultDuration)
	if raw, ok := params["DurationSeconds"]; ok {
		if err := json.Unmarshal(raw, &seconds); err != nil || seconds < 1 || seconds > stsMaxDuration {
			return emulator.IssuedCredential{}, tcError(tcCodeParamError, tcMsgDurationRange)
		}
	}
	role, _ := str("RoleArn")
	if x.Rec.Action == ActionAssumeRoleWithWebIdentity {
		provider, _ := str("ProviderId")
		token, _ := str("WebIdentityToken")
		tokens, ok := t.identity.OIDCProviders[provider]
		if !ok {
			return emulator.IssuedCredential{}, tcError(tcCodeParamError, tcMsgProviderNotExist, provider)
		}
		if !slices.Contains(tokens, token) {
			return emulator.IssuedCredential{}, tcError(tcCodeWebIdentityToken, tcMsgWebIdentityToken)
		}
	}
	if !slices.Contains(t.identity.Roles, role) {
		return emulator.IssuedCredential{}, tcError(tcCodeRoleNotExist, tcMsgRoleNotExist)
	}
	return t.issue(x.Rec.Action, role, x.Rec.AccessKey, seconds), nil
}

// metadataCredentials is the CVM metadata's answer for a role.
type metadataCredentials struct {
	TmpSecretId  string `json:"TmpSecretId"` //nolint:revive // vendor field name
	TmpSecretKey string `json:"TmpSecretKey"`
	ExpiredTime  int64  `json:"ExpiredTime"`
	Expiration   string `json:"Expiration"`
	Token        string `json:"Token"`
	Code         string `json:"Code"`
}

// serveMetadata answers GET /latest/meta-data/cam/security-credentials/ (the bound role's
// name) and .../<role> (its temporary credentials), as plain HTTP on the metadata host.
func (t *Cloud) serveMetadata(x *emulator.Exchange) {
	x.Rec.Action = ActionMetadata
	if x.Intercept(t) {
		return
	}
	role := t.identity.MetadataRole
	rest, ok := strings.CutPrefix(x.R.URL.Path, tencentMetadataRolePath)
	if !ok || x.R.Method != http.MethodGet || role == "" || (rest != "" && rest != role) {
		x.W.Header().Set("Content-Type", "text/plain")
		x.Send(http.StatusNotFound, []byte("404 - Not Found"))
		return
	}
	if rest == "" {
		x.W.Header().Set("Content-Type", "text/plain")
		x.Send(http.StatusOK, []byte(role))
		return
	}
	c := t.issue(ActionMetadata, role, "", stsDefaultDuration)
	x.Rec.AccessKey = c.AccessKey
	raw, _ := json.Marshal(metadataCredentials{
		TmpSecretId: c.AccessKey, TmpSecretKey: c.SecretKey, Token: c.SecurityToken,
		ExpiredTime: c.Expires.Unix(), Expiration: c.Expires.Format(time.RFC3339), Code: "Success",
	})
	x.W.Header().Set("Content-Type", "application/json")
	x.Send(http.StatusOK, raw)
}
