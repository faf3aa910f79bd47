package alibaba

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// Name is the Request.Cloud value for Alibaba Cloud requests, and the name of
// its section in the data file.
const Name = "alicloud"

// DefaultCredential is what the emulator accepts for Alibaba Cloud when
// Options.Credentials is nil. It is an emulator-only constant, not a secret.
var DefaultCredential = emulator.Credential{AccessKey: "LTAIEMULATORALIBABA0001", SecretKey: "emulator-alibaba-secret-key"}

// Options configures the emulated Alibaba Cloud; its Identity is what its credential sources (Sts, ECS metadata) know.
type Options = emulator.CloudOptions[Data, Identity]

// Data is the Alibaba Cloud section of Data.
type Data struct {
	AuthSummary *SASAuthSummary `json:"sas_auth_summary,omitempty"`
	// Quotas are every product's quotas that Quota Center's ListProductQuotas pages through.
	Quotas []QuotaCenterQuota `json:"quotas_product_quotas,omitempty"`
	// ECSAttributes are ECS DescribeAccountAttributes' items by region.
	ECSAttributes map[string][]ECSAttribute `json:"ecs_account_attributes,omitempty"`
	// AvailableInstances are what BssOpenApi QueryAvailableInstances lists (a data file's []
	// lists none).
	AvailableInstances []BSSInstance `json:"bssopenapi_available_instances,omitzero"`
}

// SASAuthSummary is the body of Security Center (Sas 2018-12-03)
// GetAuthSummary, without RequestId. Pointer fields with omitempty let a data
// file omit a field on the wire, as the real service may. The PostPaid*
// strings hold numbers but are strings on the wire, as documented. Slices use
// omitzero so that a data file's [] is still sent as [].
type SASAuthSummary struct {
	DefaultAuthToAll            *int32                      `json:"DefaultAuthToAll,omitempty"`
	AllowPartialBuy             *int32                      `json:"AllowPartialBuy,omitempty"`
	AllowUpgradePartialBuy      *int32                      `json:"AllowUpgradePartialBuy,omitempty"`
	HasPreBindSetting           *bool                       `json:"HasPreBindSetting,omitempty"`
	IsMultiVersion              *int32                      `json:"IsMultiVersion,omitempty"`
	AutoBind                    *int32                      `json:"AutoBind,omitempty"`
	HighestVersion              *int32                      `json:"HighestVersion,omitempty"`
	Machine                     *SASMachine                 `json:"Machine,omitempty"`
	VersionSummary              []SASVersionSummary         `json:"VersionSummary,omitzero"`
	AllowUserUnbind             *int32                      `json:"AllowUserUnbind,omitempty"`
	PostPaidVersionSummary      []SASPostPaidVersionSummary `json:"PostPaidVersionSummary,omitzero"`
	PostPaidHostAutoBind        *string                     `json:"PostPaidHostAutoBind,omitempty"`
	PostPaidHostAutoBindVersion *string                     `json:"PostPaidHostAutoBindVersion,omitempty"`
	PostPaidHighestVersion      *string                     `json:"PostPaidHighestVersion,omitempty"`
}

// SASMachine is the asset authorization statistics of SASAuthSummary.
type SASMachine struct {
	RiskCoreCount         *int32 `json:"RiskCoreCount,omitempty"`
	BindCoreCount         *int32 `json:"BindCoreCount,omitempty"`
	TotalEcsCount         *int32 `json:"TotalEcsCount,omitempty"`
	BindEcsCount          *int32 `json:"BindEcsCount,omitempty"`
	TotalCoreCount        *int32 `json:"TotalCoreCount,omitempty"`
	RiskEcsCount          *int32 `json:"RiskEcsCount,omitempty"`
	UnBindEcsCount        *int32 `json:"UnBindEcsCount,omitempty"`
	UnBindCoreCount       *int32 `json:"UnBindCoreCount,omitempty"`
	PostPaidBindCoreCount *int32 `json:"PostPaidBindCoreCount,omitempty"`
	PostPaidBindEcsCount  *int32 `json:"PostPaidBindEcsCount,omitempty"`
}

// SASVersionSummary is one purchased edition's authorization usage.
type SASVersionSummary struct {
	Index               *int32  `json:"Index,omitempty"`
	Version             *int32  `json:"Version,omitempty"`
	UsedCoreCount       *int32  `json:"UsedCoreCount,omitempty"`
	UnUsedCount         *int32  `json:"UnUsedCount,omitempty"`
	UsedEcsCount        *int32  `json:"UsedEcsCount,omitempty"`
	TotalCount          *int32  `json:"TotalCount,omitempty"`
	TotalEcsAuthCount   *int32  `json:"TotalEcsAuthCount,omitempty"`
	TotalCoreAuthCount  *int32  `json:"TotalCoreAuthCount,omitempty"`
	UnusedEcsAuthCount  *int32  `json:"UnusedEcsAuthCount,omitempty"`
	UnusedCoreAuthCount *int32  `json:"UnusedCoreAuthCount,omitempty"`
	AuthBindType        *string `json:"AuthBindType,omitempty"`
}

// SASPostPaidVersionSummary is one pay-as-you-go edition's usage; its counts
// are documented as long.
type SASPostPaidVersionSummary struct {
	AuthBindType  *string `json:"AuthBindType,omitempty"`
	Version       *int32  `json:"Version,omitempty"`
	Index         *int32  `json:"Index,omitempty"`
	UsedCoreCount *int64  `json:"UsedCoreCount,omitempty"`
	UsedEcsCount  *int64  `json:"UsedEcsCount,omitempty"`
}

// sasDefaultAuthSummary is the example response verbatim from the vendor API
// documentation, less its RequestId.
const sasDefaultAuthSummary = `{"DefaultAuthToAll":1,"AllowPartialBuy":1,"AllowUpgradePartialBuy":1,"HasPreBindSetting":true,"IsMultiVersion":1,"AutoBind":1,"HighestVersion":1,"Machine":{"RiskCoreCount":10,"BindCoreCount":10,"TotalEcsCount":10,"BindEcsCount":10,"TotalCoreCount":10,"RiskEcsCount":10,"UnBindEcsCount":10,"UnBindCoreCount":10,"PostPaidBindCoreCount":10,"PostPaidBindEcsCount":10},"VersionSummary":[{"Index":1,"Version":3,"UsedCoreCount":10,"UnUsedCount":10,"UsedEcsCount":10,"TotalCount":10,"TotalEcsAuthCount":10,"TotalCoreAuthCount":10,"UnusedEcsAuthCount":10,"UnusedCoreAuthCount":10,"AuthBindType":"ASSET"}],"AllowUserUnbind":1,"PostPaidVersionSummary":[{"AuthBindType":"ASSET","Version":3,"Index":1,"UsedCoreCount":10,"UsedEcsCount":10}],"PostPaidHostAutoBind":"1","PostPaidHostAutoBindVersion":"7","PostPaidHighestVersion":"7"}`

// DefaultData returns the vendor documentation's example response, and the answers
// assembled from the references where none is published (quotas.go, ecs.go).
func DefaultData() Data {
	d := Data{AuthSummary: new(SASAuthSummary), Quotas: defaultQuotas(), ECSAttributes: defaultECSAttributes()}
	emulator.MustDecode(sasDefaultAuthSummary, d.AuthSummary)
	emulator.MustDecode(bssDefaultInstances, &d.AvailableInstances)
	return d
}

// Merge replaces d's parts with the ones other sets.
func (d *Data) Merge(other *Data) {
	if other.AuthSummary != nil {
		d.AuthSummary = other.AuthSummary
	}
	if other.Quotas != nil {
		d.Quotas = other.Quotas
	}
	if other.ECSAttributes != nil {
		d.ECSAttributes = other.ECSAttributes
	}
	if other.AvailableInstances != nil {
		d.AvailableInstances = other.AvailableInstances
	}
}

// The one emulated API.
const (
	sasProduct        = "Sas"
	sasVersion        = "2018-12-03"
	sasGetAuthSummary = "GetAuthSummary"
)

// alibabaMaxSkew is how far x-acs-date may be from the server clock; it is
// also how long a signature nonce stays used.
const alibabaMaxSkew = 15 * time.Minute

// Alibaba Cloud POP gateway errors, with the gateway's statuses and messages.
var (
	aliIncompleteSignature = &emulator.Failure{Status: http.StatusBadRequest, Code: "IncompleteSignature", Message: "The request signature does not conform to Aliyun standards."}
	aliAccessKeyNotFound   = &emulator.Failure{Status: http.StatusNotFound, Code: "InvalidAccessKeyId.NotFound", Message: "Specified access key is not found."}
	aliSignatureMismatch   = &emulator.Failure{Status: http.StatusBadRequest, Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched with our calculation."}
	aliTimestampMissing    = &emulator.Failure{Status: http.StatusBadRequest, Code: "IllegalTimestamp", Message: `The input parameter "Timestamp" that is mandatory for processing this request is not supplied.`}
	aliTimestampFormat     = &emulator.Failure{Status: http.StatusBadRequest, Code: "InvalidTimeStamp.Format", Message: "Specified time stamp or date value is not well formatted."}
	aliTimestampExpired    = &emulator.Failure{Status: http.StatusBadRequest, Code: "InvalidTimeStamp.Expired", Message: "Specified time stamp or date value is expired."}
	aliNonceUsed           = &emulator.Failure{Status: http.StatusBadRequest, Code: "SignatureNonceUsed", Message: "Specified signature nonce was used already."}
	aliTokenMismatch       = &emulator.Failure{Status: http.StatusBadRequest, Code: "InvalidSecurityToken.Mismatch", Message: "Specified SecurityToken mismatch with the AccessKey."}
	aliTokenMalformed      = &emulator.Failure{Status: http.StatusBadRequest, Code: "InvalidSecurityToken.Malformed", Message: "Specified SecurityToken is malformed."}
	aliInvalidVersion      = &emulator.Failure{Status: http.StatusBadRequest, Code: "InvalidVersion", Message: "Specified parameter Version is not valid."}
	aliActionNotFound      = &emulator.Failure{Status: http.StatusNotFound, Code: "InvalidAction.NotFound", Message: "Specified api is not found, please check your url and method."}
)

func aliMissingParameter(name string) *emulator.Failure {
	return &emulator.Failure{Status: http.StatusBadRequest, Code: "MissingParameter",
		Message: fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", name)}
}

// Cloud emulates the Alibaba Cloud POP gateway and Security Center
// behind it.
type Cloud struct {
	data     *Data
	identity Identity

	// credMu guards the accepted credentials, which Sts and the metadata service add to.
	credMu         sync.RWMutex
	creds          map[string]emulator.Credential // by AccessKey ID
	expiry         map[string]time.Time           // issued credentials: when they stop being accepted
	issued         []emulator.IssuedCredential
	metadataTokens map[string]time.Time // IMDSv2 token -> expiry

	mu        sync.Mutex
	nonces    map[string]time.Time // AccessKey ID + nonce -> when its request's timestamp expires
	lastPrune time.Time
}

// New builds the emulated Alibaba Cloud, a Backend for emulator.New.
func New(opts Options) *Cloud {
	data, creds := opts.Resolve(DefaultData, DefaultCredential)
	return &Cloud{
		data: data, identity: opts.Identity, creds: creds, nonces: map[string]time.Time{},
		expiry: map[string]time.Time{}, metadataTokens: map[string]time.Time{},
	}
}

// Name is the Request.Cloud value of Alibaba Cloud requests.
func (a *Cloud) Name() string { return Name }

// Actions names every action the emulated Alibaba Cloud records.
func (a *Cloud) Actions() []string {
	return []string{sasGetAuthSummary, quotasListProductQuotas, ecsDescribeAccountAttributes, bssQueryAvailableInstances, stsAssumeRole, stsAssumeRoleWithOIDC,
		ActionMetadataToken, ActionMetadataRoleName, ActionMetadataCredentials}
}

// Claims: the SDK names every action in x-acs-action; the Authorization
// prefix also catches a signed request that forgot it. Sts requests (RPC style,
// not ACS3) name Version and Action in the query; metadata requests are
// addressed to the ECS metadata host.
func (a *Cloud) Claims(r *http.Request) bool {
	return r.Header.Get("x-acs-action") != "" || strings.HasPrefix(r.Header.Get("Authorization"), "ACS3-") ||
		isSTSRequest(r) || emulator.HostOnly(r.Host) == MetadataHost
}

// Serve runs the gateway pipeline: authenticate, route by version and
// action, apply injected faults, then answer.
func (a *Cloud) Serve(x *emulator.Exchange) {
	x.Rec.Cloud = Name
	if emulator.HostOnly(x.R.Host) == MetadataHost {
		a.serveMetadata(x)
		return
	}
	x.Rec.RequestID = alibabaRequestID(x.Rec.RequestID)
	if isSTSRequest(x.R) && x.R.Header.Get("x-acs-action") == "" {
		a.serveSTS(x)
		return
	}
	x.Rec.Action = x.R.Header.Get("x-acs-action")

	f := a.authenticate(x)
	if f == nil && x.R.Header.Get("x-acs-version") == bssVersion {
		a.serveBSS(x)
		return
	}
	if f == nil {
		f = a.route(x)
	}
	var body any
	if f == nil {
		body, f = a.answer(x)
	}
	if f != nil {
		a.Fail(x, *f)
		return
	}
	// Faults come after routing and the parameters' checks, so they only hit calls the API
	// would serve.
	if x.Intercept(a) {
		return
	}
	a.reply(x, http.StatusOK, body)
}

// answer is the action's answer to the request's parameters, or why it is refused.
func (a *Cloud) answer(x *emulator.Exchange) (any, *emulator.Failure) {
	params, err := rpcParams(x.R)
	if err != nil {
		return nil, aliSignatureMismatch // a body the signature covered but that is no form
	}
	// The record shows the parameters wherever they were sent (query or form body).
	x.Rec.Query = params
	switch x.Rec.Action {
	case quotasListProductQuotas:
		page, f := a.listProductQuotas(params, x.Rec.RequestID)
		if f != nil {
			return nil, f
		}
		return page, nil
	case ecsDescribeAccountAttributes:
		x.Rec.Region = params.Get("RegionId")
		out, f := a.describeAccountAttributes(params, x.Rec.RequestID)
		if f != nil {
			return nil, f
		}
		return out, nil
	}
	// GetAuthSummary takes no parameters, and the gateway ignores unknown ones.
	return sasAuthSummaryPayload{RequestID: x.Rec.RequestID, SASAuthSummary: a.data.AuthSummary}, nil
}

// rpcParams are an RPC request's parameters: the query's and, for a form body (as the
// generated clients send most actions' parameters), the body's.
func rpcParams(r *http.Request) (url.Values, error) {
	params, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return params, nil
	}
	body, err := emulator.ReadBody(r)
	if err != nil {
		return nil, err
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, err
	}
	for k, v := range form {
		params[k] = append(params[k], v...)
	}
	return params, nil
}

// authenticate verifies the ACS3-HMAC-SHA256 signature, the timestamp, the
// STS token and the nonce as the POP gateway does.
func (a *Cloud) authenticate(x *emulator.Exchange) *emulator.Failure {
	r := x.R
	auth, ok := parseACS3Authorization(r.Header.Get("Authorization"))
	if !ok {
		return aliIncompleteSignature
	}
	x.Rec.AccessKey = auth.AccessKey
	cred, ok, expired := a.credential(auth.AccessKey)
	if !ok {
		return aliAccessKeyNotFound
	}
	if !acs3SignsRequired(r, auth.SignedHeaders) {
		return aliIncompleteSignature
	}
	date := r.Header.Get("x-acs-date")
	if date == "" {
		return aliTimestampMissing
	}
	sent, err := time.Parse(acsDateFormat, date)
	if err != nil {
		return aliTimestampFormat
	}
	now := time.Now()
	if now.Sub(sent).Abs() > alibabaMaxSkew {
		return aliTimestampExpired
	}
	nonce := r.Header.Get("x-acs-signature-nonce")
	if nonce == "" {
		return aliMissingParameter("SignatureNonce")
	}
	body, bodyErr := emulator.ReadBody(r)
	query, queryErr := url.ParseQuery(r.URL.RawQuery)
	// The signature covers x-acs-content-sha256, the body's hash as the
	// client claims it; the gateway also holds the claim to the body received.
	payloadHash := emulator.HexSHA256(body)
	want := acs3Signature(cred.SecretKey, acs3CanonicalRequest(r, query, auth.SignedHeaders, payloadHash))
	if bodyErr != nil || queryErr != nil || r.Header.Get("x-acs-content-sha256") != payloadHash || !emulator.ConstantTimeEqual(want, auth.Signature) {
		return aliSignatureMismatch
	}
	if f := checkSecurityToken(r, cred); f != nil {
		return f
	}
	if expired {
		return aliTokenExpired
	}
	// Only a verified request uses up its nonce, so a forged one cannot
	// burn the nonce of a genuine request.
	if !a.useNonce(auth.AccessKey+"\n"+nonce, sent.Add(alibabaMaxSkew), now) {
		return aliNonceUsed
	}
	return nil
}

// checkSecurityToken matches x-acs-security-token against cred: STS
// credentials need theirs, permanent keys take none.
func checkSecurityToken(r *http.Request, cred emulator.Credential) *emulator.Failure {
	tokens := r.Header.Values("x-acs-security-token")
	switch {
	case cred.SecurityToken == "" && len(tokens) > 0:
		return aliTokenMalformed
	case cred.SecurityToken != "" && len(tokens) == 0:
		return aliMissingParameter("SecurityToken")
	case cred.SecurityToken != "" && (len(tokens) != 1 || !emulator.ConstantTimeEqual(tokens[0], cred.SecurityToken)):
		return aliTokenMismatch
	}
	// With STS the SDK repeats the AccessKey ID next to the token.
	if ids := r.Header.Values("x-acs-accesskey-id"); len(ids) > 0 && (len(ids) != 1 || ids[0] != cred.AccessKey) {
		return aliTokenMismatch
	}
	return nil
}

// useNonce records key until expires and reports whether it was unused.
// Expired entries are dropped at most once a minute, which bounds the map by
// the traffic of one skew window.
func (a *Cloud) useNonce(key string, expires, now time.Time) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if now.Sub(a.lastPrune) > time.Minute {
		for k, exp := range a.nonces {
			if !exp.After(now) {
				delete(a.nonces, k)
			}
		}
		a.lastPrune = now
	}
	if exp, ok := a.nonces[key]; ok && exp.After(now) {
		return false
	}
	a.nonces[key] = expires
	return true
}

// apis are the emulated APIs: each product's version, its product name (for error
// answers) and its actions.
var apis = map[string]struct {
	product string
	actions []string
}{
	sasVersion:    {sasProduct, []string{sasGetAuthSummary}},
	quotasVersion: {quotasProduct, []string{quotasListProductQuotas}},
	ecsVersion:    {ecsProduct, []string{ecsDescribeAccountAttributes}},
}

// route checks what the request asks for against the emulated APIs. RPC APIs live at "/"
// and take GET or POST.
func (a *Cloud) route(x *emulator.Exchange) *emulator.Failure {
	r := x.R
	version := r.Header.Get("x-acs-version")
	api, known := apis[version]
	switch {
	case version == "":
		return aliMissingParameter("Version")
	case !known:
		return aliInvalidVersion
	case !slices.Contains(api.actions, x.Rec.Action), r.URL.Path != "/", r.Method != http.MethodGet && r.Method != http.MethodPost:
		return aliActionNotFound
	}
	return nil
}

// alibabaError is the POP gateway's error body, fields in its order.
type alibabaError struct {
	RequestID string `json:"RequestId"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
}

// sasAuthSummaryPayload is the success body: RequestId first, then the data.
type sasAuthSummaryPayload struct {
	RequestID string `json:"RequestId"`
	*SASAuthSummary
}

// Fail answers f as the POP gateway does; status 0 is 400.
func (a *Cloud) Fail(x *emulator.Exchange, f emulator.Failure) {
	if f.Status == 0 {
		f.Status = http.StatusBadRequest
	}
	product := sasProduct
	switch x.Rec.Action {
	case stsAssumeRole, stsAssumeRoleWithOIDC:
		product = stsProduct
	case quotasListProductQuotas:
		product = quotasProduct
	case ecsDescribeAccountAttributes:
		product = ecsProduct
	}
	if x.Rec.Action == bssQueryAvailableInstances {
		product = bssProduct
	}
	a.reply(x, f.Status, alibabaError{
		RequestID: x.Rec.RequestID,
		Message:   f.Message,
		Recommend: "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(f.Code) + "&product=" + product + "&requestId=" + x.Rec.RequestID,
		HostID:    x.R.Host,
		Code:      f.Code,
	})
}

// reply writes a JSON body with the headers every POP response carries.
func (a *Cloud) reply(x *emulator.Exchange, status int, body any) {
	x.Rec.Status = status
	raw, err := json.Marshal(body)
	if err != nil { // only plain structs: cannot happen
		raw = []byte(`{}`)
	}
	x.W.Header().Set("Content-Type", "application/json;charset=utf-8")
	x.W.Header().Set("x-acs-request-id", x.Rec.RequestID)
	x.Send(status, raw)
}

// Throttled is the POP gateway's flow control answer; the SDK maps
// Throttling* codes to its ThrottlingError.
func (a *Cloud) Throttled(emulator.Limit) emulator.Failure {
	return emulator.Failure{Status: http.StatusBadRequest, Code: "Throttling.User", Message: "Request was denied due to user flow control."}
}

// ServerFault is a 5xx, which the SDK maps to its ServerError.
func (a *Cloud) ServerFault() emulator.Failure {
	return emulator.Failure{Status: http.StatusInternalServerError, Code: "ServerError", Message: "The request processing has failed due to some unknown error, exception or failure."}
}

// alibabaRequestID turns the server's 32-hex request ID into the upper-case
// 8-4-4-4-12 form Alibaba uses, so the record and the body carry the same
// value.
func alibabaRequestID(id string) string {
	if len(id) != 32 {
		return id
	}
	id = strings.ToUpper(id)
	return id[:8] + "-" + id[8:12] + "-" + id[12:16] + "-" + id[16:20] + "-" + id[20:]
}

// SetData replaces the data (a running emulator's admin route; the caller
// holds emulator.Server.Exclusive).
func (a *Cloud) SetData(d Data) { a.data = emulator.Clone(&d) }
