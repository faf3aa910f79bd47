package tencent

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	tcregions "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/regions"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// Name is the Request.Cloud value for Tencent Cloud requests, and the name
// of its section in the data file.
const Name = "tencentcloud"

// DefaultCredential is what the emulator accepts for Tencent Cloud when
// Options.Credentials is nil (AccessKey is the SecretId). It is an
// emulator-only constant, not a secret.
var DefaultCredential = emulator.Credential{AccessKey: "AKIDEMULATORTENCENT0001", SecretKey: "emulator-tencent-secret-key"}

// Options configures the emulated Tencent Cloud; its Identity is what its credential sources (STS, CVM metadata) know.
type Options = emulator.CloudOptions[Data, Identity]

// Data is the Tencent Cloud section of Data.
type Data struct {
	// Regions are the X-TC-Region values accepted; empty accepts any. A
	// request without a region is always accepted, as TCSS's Region is
	// optional.
	Regions             []string                 `json:"regions,omitempty"`
	ImageAuthorizedInfo *TCSSImageAuthorizedInfo `json:"tcss_image_authorized_info,omitempty"`
	// The general quotas (quotas.go): CVM DescribeAccountQuota, VPC DescribeProductQuota by
	// product, VPC DescribeAddressQuota.
	CVMAccountQuota  *CVMAccountQuotaInfo `json:"cvm_account_quota,omitempty"`
	VPCProductQuotas *VPCProductQuotas    `json:"vpc_product_quotas,omitempty"`
	VPCAddressQuota  *VPCAddressQuota     `json:"vpc_address_quota,omitempty"`
	// RenewInstances are what billing DescribeRenewInstances lists (a data file's [] lists
	// none).
	RenewInstances []BillingRenewInstance `json:"billing_renew_instances,omitzero"`
}

// TCSSImageAuthorizedInfo is the body of TCSS DescribeImageAuthorizedInfo
// (without RequestId). Pointer fields with omitempty let a data file omit a
// field on the wire, as the real service may.
type TCSSImageAuthorizedInfo struct {
	TotalAuthorizedCnt         *uint64                   `json:"TotalAuthorizedCnt,omitempty"`
	UsedAuthorizedCnt          *uint64                   `json:"UsedAuthorizedCnt,omitempty"`
	ScannedImageCnt            *uint64                   `json:"ScannedImageCnt,omitempty"`
	NotScannedImageCnt         *uint64                   `json:"NotScannedImageCnt,omitempty"`
	NotScannedLocalImageCnt    *uint64                   `json:"NotScannedLocalImageCnt,omitempty"`
	TrialAuthorizedCnt         *uint64                   `json:"TrialAuthorizedCnt,omitempty"`
	UsedTrialAuthorizedCnt     *uint64                   `json:"UsedTrialAuthorizedCnt,omitempty"`
	PurchasedAuthorizedCnt     *uint64                   `json:"PurchasedAuthorizedCnt,omitempty"`
	UsedPurchasedAuthorizedCnt *uint64                   `json:"UsedPurchasedAuthorizedCnt,omitempty"`
	CanApplyFreeImageAuthorize *bool                     `json:"CanApplyFreeImageAuthorize,omitempty"`
	ImageScanInquireInfo       *TCSSImageScanInquireInfo `json:"ImageScanInquireInfo,omitempty"`
	RepeatImageIdCnt           *uint64                   `json:"RepeatImageIdCnt,omitempty"`
}

// TCSSImageScanInquireInfo is the image scan billing information. "Capcity"
// and "Useage" are the vendor's own spellings on the wire.
type TCSSImageScanInquireInfo struct {
	InquireKey     *string `json:"InquireKey,omitempty"`
	Capcity        *uint64 `json:"Capcity,omitempty"` //nolint:misspell // vendor spelling
	Useage         *uint64 `json:"Useage,omitempty"`  //nolint:misspell // vendor spelling
	StartTime      *string `json:"StartTime,omitempty"`
	EndTime        *string `json:"EndTime,omitempty"`
	PurchaseStatus *string `json:"PurchaseStatus,omitempty"`
	ResourceID     *string `json:"ResourceID,omitempty"`
}

// tencentDefaultImageAuthorizedInfo is the example response verbatim from the
// vendor API documentation, less its RequestId.
const tencentDefaultImageAuthorizedInfo = `{"CanApplyFreeImageAuthorize":false,"ImageScanInquireInfo":{"Capcity":18601,"EndTime":"2024-12-24 13:01:18","InquireKey":"sv_yunjing_cssil_image","PurchaseStatus":"Normal","ResourceID":"427c59056cbd64e30b3990e8d7b25c19","StartTime":"2024-09-24 13:01:18","Useage":17365},"NotScannedImageCnt":38,"NotScannedLocalImageCnt":12,"PurchasedAuthorizedCnt":300000,"RepeatImageIdCnt":2,"ScannedImageCnt":11687,"TotalAuthorizedCnt":300000,"TrialAuthorizedCnt":0,"UsedAuthorizedCnt":300000,"UsedPurchasedAuthorizedCnt":300000,"UsedTrialAuthorizedCnt":0}`

// DefaultData returns the vendor documentation's example response and the
// regions the SDK names.
func DefaultData() Data {
	d := Data{
		// The regions the SDK names, which TCSS serves.
		Regions: []string{
			tcregions.Bangkok, tcregions.Beijing, tcregions.Chengdu, tcregions.Chongqing, tcregions.Guangzhou,
			tcregions.GuangzhouOpen, tcregions.HongKong, tcregions.Jakarta, tcregions.Mumbai, tcregions.Seoul,
			tcregions.Shanghai, tcregions.Nanjing, tcregions.ShanghaiFSI, tcregions.ShenzhenFSI, tcregions.Singapore,
			tcregions.Tokyo, tcregions.Frankfurt, tcregions.Moscow, tcregions.Ashburn, tcregions.SiliconValley,
			tcregions.Toronto, tcregions.SaoPaulo,
		},
		ImageAuthorizedInfo: new(TCSSImageAuthorizedInfo),
	}
	emulator.MustDecode(tencentDefaultImageAuthorizedInfo, d.ImageAuthorizedInfo)
	d.defaultQuotas()
	emulator.MustDecode(billingDefaultRenewInstances, &d.RenewInstances)
	return d
}

// tcTimeLayout and beijing: TCSS writes its times as "2006-01-02 15:04:05"
// in Beijing time.
const tcTimeLayout = "2006-01-02 15:04:05"

var beijing = time.FixedZone("CST", 8*3600)

// ResolveTimes turns the relative times in d ("now+720h", see
// emulator.ResolveTime) into TCSS's format, from start.
//
// The billing instances' times are not resolved here but when the emulator answers; a
// malformed one is an error all the same.
func (d *Data) ResolveTimes(start time.Time) error {
	if err := d.checkRenewInstanceTimes(start); err != nil {
		return err
	}
	if d.ImageAuthorizedInfo == nil || d.ImageAuthorizedInfo.ImageScanInquireInfo == nil {
		return nil
	}
	q := d.ImageAuthorizedInfo.ImageScanInquireInfo
	for name, p := range map[string]*string{"StartTime": q.StartTime, "EndTime": q.EndTime} {
		if err := emulator.ResolveTimeField(p, start, tcTimeLayout, beijing); err != nil {
			return fmt.Errorf("tcss_image_authorized_info: ImageScanInquireInfo.%s: %w", name, err)
		}
	}
	return nil
}

// Merge replaces d's parts with the ones other sets.
func (d *Data) Merge(other *Data) {
	if other.Regions != nil {
		d.Regions = other.Regions
	}
	if other.ImageAuthorizedInfo != nil {
		d.ImageAuthorizedInfo = other.ImageAuthorizedInfo
	}
	d.mergeQuotas(other)
	if other.RenewInstances != nil {
		d.RenewInstances = other.RenewInstances
	}
}

// TCSS, the first emulated API (the others are in quotas.go).
const (
	tcssService                     = "tcss"
	tcssVersion                     = "2020-11-01"
	tcssDescribeImageAuthorizedInfo = "DescribeImageAuthorizedInfo"
)

// tcAPI is one emulated API 3.0 service: its version and its actions.
type tcAPI struct {
	version string
	// regionRequired: the actions take Region as a required common parameter (TCSS's is
	// optional).
	regionRequired bool
	actions        map[string]tcAction
}

// tcAction checks one action's parameters (their names sorted, and the parameters as JSON)
// against the request's region and returns the answer's payload without RequestId, or the
// error the API gives.
type tcAction func(t *Cloud, region string, params map[string]json.RawMessage) (any, *tencentAPIError)

// tcAPIs are the emulated services by service code: the one in the request's host when it
// names one (tcss.tencentcloudapi.com), else the one in the signature's credential scope.
var tcAPIs = map[string]tcAPI{
	tcssService: {version: tcssVersion, actions: map[string]tcAction{
		tcssDescribeImageAuthorizedInfo: func(t *Cloud, _ string, params map[string]json.RawMessage) (any, *tencentAPIError) {
			// DescribeImageAuthorizedInfo takes no parameters.
			if err := onlyParams(params); err != nil {
				return nil, err
			}
			return t.data.ImageAuthorizedInfo, nil
		},
	}},
	cvmService: cvmAPI,
	vpcService: vpcAPI,
}

// tencentMaxSkew is how far X-TC-Timestamp may be from the server clock.
const tencentMaxSkew = 5 * 60

// Tencent Cloud API 3.0 common error codes and the gateway's messages.
const (
	tcCodeInternalError        = "InternalError"
	tcCodeInvalidAuthorization = "AuthFailure.InvalidAuthorization"
	tcCodeRequestLimitExceeded = "RequestLimitExceeded"
	tcCodeSecretIDNotFound     = "AuthFailure.SecretIdNotFound"
	tcCodeSignatureExpire      = "AuthFailure.SignatureExpire"
	tcCodeSignatureFailure     = "AuthFailure.SignatureFailure"
	tcCodeTokenFailure         = "AuthFailure.TokenFailure"
	tcCodeInvalidAction        = "InvalidAction"
	tcCodeInvalidParameter     = "InvalidParameter"
	tcCodeMissingParameter     = "MissingParameter"
	tcCodeNoSuchVersion        = "NoSuchVersion"
	tcCodeRequestSizeLimit     = "RequestSizeLimitExceeded"
	tcCodeUnknownParameter     = "UnknownParameter"
	tcCodeUnsupportedProtocol  = "UnsupportedProtocol"
	tcCodeUnsupportedRegion    = "UnsupportedRegion"

	tcMsgInternalError        = "An internal error has occurred. Retry your request, but if the problem persists, contact us."
	tcMsgRequestLimit         = "Your current request times exceeds the frequency limit."
	tcMsgRequestLimitN        = "Your current request times equals to `%d` in a second, which exceeds the frequency limit `%d` for a second. Please reduce the frequency of calls."
	tcMsgInvalidAuthorization = "The request `Authorization` header does not conform to tencentcloud standards: "
	tcMsgSecretIDNotFound     = "The SecretId is not found, please ensure that your SecretId is correct."
	tcMsgSignatureExpire      = "Signature expired. Please use local time and enable NTP service for time synchronization to avoid a deviation between `Timestamp` and the server time %d."
	tcMsgSignatureFailure     = "The provided credentials could not be validated. Please check your signature is correct."
	tcMsgTokenFailure         = "The provided Token is invalid."
	tcMsgInvalidAction        = "The request action=`%s` is invalid or not found in service=`%s` and version=`%s`."
	tcMsgTimestampType        = "Parameter `Timestamp` type error."
	tcMsgInvalidJSON          = "The request body is not a valid JSON object."
	tcMsgMissingParameter     = "The request is missing a required parameter `%s`."
	tcMsgNoSuchVersion        = "The specified api version=`%s` does not exist in service=`%s`."
	tcMsgRequestSizeLimit     = "The request size exceeds the upper limit."
	tcMsgUnknownParameter     = "The parameter `%s` is not recognized."
	tcMsgUnsupportedProtocol  = "HTTP(S) request protocol error; only GET and POST requests are supported."
	tcMsgUnsupportedRegion    = "The action not support this region."
)

// tencentAPIError is the Error object of a Tencent Cloud API 3.0 response.
type tencentAPIError struct {
	Code    string `json:"Code"`
	Message string `json:"Message"`
}

func tcError(code, format string, args ...any) *tencentAPIError {
	if len(args) > 0 {
		format = fmt.Sprintf(format, args...)
	}
	return &tencentAPIError{Code: code, Message: format}
}

// Cloud emulates the Tencent Cloud API 3.0 gateway and TCSS, CVM and VPC behind it.
type Cloud struct {
	data     *Data
	identity Identity

	mu     sync.RWMutex                   // guards creds and issued: STS and metadata add to them
	creds  map[string]emulator.Credential // by SecretId
	issued []emulator.IssuedCredential
}

// New builds the emulated Tencent Cloud, a Backend for emulator.New.
func New(opts Options) *Cloud {
	data, creds := opts.Resolve(DefaultData, DefaultCredential)
	// Relative times count from now; a malformed one (all.LoadData refuses
	// them) stays as it is.
	_ = data.ResolveTimes(time.Now())
	return &Cloud{data: data, identity: opts.Identity, creds: creds}
}

// Name is the Request.Cloud value of Tencent Cloud requests.
func (t *Cloud) Name() string { return Name }

// Actions names every action the emulated Tencent Cloud records.
func (t *Cloud) Actions() []string {
	return []string{tcssDescribeImageAuthorizedInfo, cvmDescribeAccountQuota, vpcDescribeProductQuota, vpcDescribeAddressQuota,
		billingDescribeRenewInstances, ActionAssumeRole, ActionAssumeRoleWithWebIdentity, ActionMetadata}
}

// Claims: every API 3.0 request names its action in X-TC-Action; the
// Authorization prefix also catches a signed request that forgot it.
func (t *Cloud) Claims(r *http.Request) bool {
	return isTencentMetadata(r) || r.Header.Get("X-TC-Action") != "" || strings.HasPrefix(r.Header.Get("Authorization"), tc3Algorithm)
}

// Serve runs the gateway pipeline: authenticate, route by version, action and
// region, check parameters, apply injected faults, then answer.
func (t *Cloud) Serve(x *emulator.Exchange) {
	x.Rec.Cloud = Name
	x.Rec.RequestID = tencentRequestID(x.Rec.RequestID)
	x.Rec.Action = x.R.Header.Get("X-TC-Action")
	x.Rec.Region = x.R.Header.Get("X-TC-Region")
	switch {
	case isTencentMetadata(x.R):
		x.Rec.Region = ""
		t.serveMetadata(x)
		return
	case isSTS(x.R):
		t.serveSTS(x)
		return
	}

	// Billing keeps its own pipeline (billing.go): its answer is resolved against the moment
	// it is sent, and the signature's scope names it on the emulator's one URL.
	if auth, problem := parseTC3Authorization(x.R.Header.Get("Authorization")); problem == "" && auth.service == billingService {
		t.serveBilling(x)
		return
	}
	var payload any
	// The signature is verified for the service the request is addressed to.
	body, service, apiErr := t.verify(x, "")
	if apiErr == nil {
		payload, apiErr = t.route(x, service, body)
	}
	if apiErr != nil {
		// API 3.0 answers every error with HTTP 200; the body says what failed.
		t.reply(x, http.StatusOK, tencentErrorPayload{Error: *apiErr, RequestID: x.Rec.RequestID})
		return
	}
	// Faults come after routing, so they only hit calls the API would serve.
	if x.Intercept(t) {
		return
	}
	t.reply(x, http.StatusOK, withRequestID(payload, x.Rec.RequestID))
}

// hostService is the service a tencentcloudapi.com host names (cvm.tencentcloudapi.com,
// vpc.ap-shanghai-fsi.tencentcloudapi.com), or "" for any other host (the emulator's own).
func hostService(host string) string {
	h := emulator.HostOnly(host)
	if !strings.HasSuffix(h, ".tencentcloudapi.com") {
		return ""
	}
	service, _, _ := strings.Cut(h, ".")
	return service
}

// verify checks the TC3-HMAC-SHA256 signature as the API 3.0 gateway does for
// service, or ("") for the emulated service the request is addressed to, and
// returns the request body it hashed and the service.
func (t *Cloud) verify(x *emulator.Exchange, service string) ([]byte, string, *tencentAPIError) {
	r := x.R
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return nil, "", tcError(tcCodeUnsupportedProtocol, tcMsgUnsupportedProtocol)
	}
	authz := r.Header.Get("Authorization")
	if authz == "" {
		return nil, "", tcError(tcCodeSignatureFailure, tcMsgSignatureFailure)
	}
	auth, problem := parseTC3Authorization(authz)
	if problem != "" {
		return nil, "", tcError(tcCodeInvalidAuthorization, tcMsgInvalidAuthorization+problem)
	}
	x.Rec.AccessKey = auth.secretID
	// The gateway serves the host's service and takes a signature only for it; on the
	// emulator's single address the credential scope names the service.
	if service == "" {
		if service = hostService(r.Host); service == "" {
			service = auth.service
		}
		if _, ok := tcAPIs[service]; !ok {
			service = "" // no emulated service: refused below
		}
	}
	if auth.service != service {
		return nil, "", tcError(tcCodeInvalidAuthorization, tcMsgInvalidAuthorization+"`Service` in Credential not valid.")
	}
	timestamp := r.Header.Get("X-TC-Timestamp")
	if timestamp == "" {
		return nil, "", tcError(tcCodeMissingParameter, tcMsgMissingParameter, "Timestamp")
	}
	sent, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return nil, "", tcError(tcCodeInvalidParameter, tcMsgTimestampType)
	}
	t.mu.RLock()
	cred, ok := t.creds[auth.secretID]
	t.mu.RUnlock()
	if !ok || auth.secretID == "" {
		return nil, "", tcError(tcCodeSecretIDNotFound, tcMsgSecretIDNotFound)
	}
	now := time.Now().Unix()
	if skew := now - sent; skew > tencentMaxSkew || skew < -tencentMaxSkew {
		return nil, "", tcError(tcCodeSignatureExpire, tcMsgSignatureExpire, now)
	}
	body, err := emulator.ReadBody(r)
	if err != nil {
		return nil, "", tcError(tcCodeRequestSizeLimit, tcMsgRequestSizeLimit)
	}
	// The SDK derives the scope date from the timestamp, so a mismatch is a
	// wrong signature rather than an expired one.
	want := tc3Signature(cred.SecretKey, timestamp, auth.date, auth.service, tc3CanonicalRequest(r, auth.signedHeaders, body))
	if auth.date != time.Unix(sent, 0).UTC().Format(tc3DateFormat) || !emulator.ConstantTimeEqual(want, auth.signature) {
		return nil, "", tcError(tcCodeSignatureFailure, tcMsgSignatureFailure)
	}
	tokens := r.Header.Values("X-TC-Token")
	if cred.SecurityToken != "" || len(tokens) > 0 {
		if len(tokens) != 1 || !emulator.ConstantTimeEqual(tokens[0], cred.SecurityToken) {
			return nil, "", tcError(tcCodeTokenFailure, tcMsgTokenFailure)
		}
	}
	return body, service, nil
}

// route checks what the request asks for against the service it is addressed
// to, and returns the action's answer.
func (t *Cloud) route(x *emulator.Exchange, service string, body []byte) (any, *tencentAPIError) {
	version := x.R.Header.Get("X-TC-Version")
	api := tcAPIs[service]
	action, known := api.actions[x.Rec.Action]
	switch {
	case version == "":
		return nil, tcError(tcCodeMissingParameter, tcMsgMissingParameter, "Version")
	case version != api.version:
		return nil, tcError(tcCodeNoSuchVersion, tcMsgNoSuchVersion, version, service)
	case x.Rec.Action == "":
		return nil, tcError(tcCodeMissingParameter, tcMsgMissingParameter, "Action")
	case !known:
		return nil, tcError(tcCodeInvalidAction, tcMsgInvalidAction, x.Rec.Action, service, version)
	case x.Rec.Region == "" && api.regionRequired:
		return nil, tcError(tcCodeMissingParameter, tcMsgMissingParameter, "Region")
	case x.Rec.Region != "" && len(t.data.Regions) > 0 && !slices.Contains(t.data.Regions, x.Rec.Region):
		return nil, tcError(tcCodeUnsupportedRegion, tcMsgUnsupportedRegion)
	}
	params, ok := tencentParams(x.R, body)
	if !ok {
		return nil, tcError(tcCodeInvalidParameter, tcMsgInvalidJSON)
	}
	return action(t, x.Rec.Region, params)
}

// onlyParams refuses any parameter not named in allowed, naming the first in
// order, as UnknownParameter.
func onlyParams(params map[string]json.RawMessage, allowed ...string) *tencentAPIError {
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !slices.Contains(allowed, k) {
			return tcError(tcCodeUnknownParameter, tcMsgUnknownParameter, k)
		}
	}
	return nil
}

// tencentParams reads the action parameters sent: the query for GET (where
// Filters.0.Name=zone stands for {"Filters":[{"Name":"zone"}]}), the JSON
// object body for POST. ok is false when the body is not an object.
func tencentParams(r *http.Request, body []byte) (params map[string]json.RawMessage, ok bool) {
	params = map[string]json.RawMessage{}
	if r.Method == http.MethodGet {
		tree := map[string]any{}
		for k, vs := range r.URL.Query() {
			setPath(tree, strings.Split(k, "."), vs[len(vs)-1])
		}
		for k, v := range tree {
			raw, err := json.Marshal(listify(v))
			if err != nil {
				return nil, false
			}
			params[k] = raw
		}
		return params, true
	}
	if len(bytes.TrimSpace(body)) > 0 {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
			return nil, false
		}
		params = obj
	}
	return params, true
}

// setPath puts v at path in tree, one map level per segment.
func setPath(tree map[string]any, path []string, v string) {
	for _, seg := range path[:len(path)-1] {
		next, ok := tree[seg].(map[string]any)
		if !ok {
			next = map[string]any{}
			tree[seg] = next
		}
		tree = next
	}
	tree[path[len(path)-1]] = v
}

// listify turns maps whose keys are all indexes (0, 1, ...) into lists, in
// index order, as the SDK numbers the elements of a list in a query.
func listify(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	idx := make([]int, 0, len(m))
	for k := range m {
		n, err := strconv.Atoi(k)
		if err != nil || n < 0 {
			idx = nil
			break
		}
		idx = append(idx, n)
	}
	if idx != nil && len(idx) == len(m) {
		sort.Ints(idx)
		list := make([]any, len(idx))
		for i, n := range idx {
			list[i] = listify(m[strconv.Itoa(n)])
		}
		return list
	}
	for k, e := range m {
		m[k] = listify(e)
	}
	return m
}

// tencentErrorPayload goes inside {"Response": ...}.
type tencentErrorPayload struct {
	Error     tencentAPIError `json:"Error"`
	RequestID string          `json:"RequestId"`
}

// withRequestID is an action's payload with its RequestId, to go inside
// {"Response": ...}: the payload's fields as they are (a nil payload has none).
func withRequestID(payload any, id string) map[string]json.RawMessage {
	var out map[string]json.RawMessage
	if raw, err := json.Marshal(payload); err == nil {
		_ = json.Unmarshal(raw, &out)
	}
	if out == nil { // a nil payload marshals to null
		out = map[string]json.RawMessage{}
	}
	out["RequestId"], _ = json.Marshal(id)
	return out
}

// reply writes {"Response": payload}.
func (t *Cloud) reply(x *emulator.Exchange, status int, payload any) {
	x.Rec.Status = status
	raw, err := json.Marshal(struct{ Response any }{payload})
	if err != nil { // only plain structs: cannot happen
		raw = []byte(`{}`)
	}
	x.W.Header().Set("Content-Type", "application/json")
	x.Send(status, raw)
}

// Fail answers an injected failure; status 0 is API 3.0's HTTP 200.
func (t *Cloud) Fail(x *emulator.Exchange, f emulator.Failure) {
	if f.Status == 0 {
		f.Status = http.StatusOK
	}
	t.reply(x, f.Status, tencentErrorPayload{Error: tencentAPIError{Code: f.Code, Message: f.Message}, RequestID: x.Rec.RequestID})
}

// Throttled is API 3.0's frequency limit answer, with HTTP 200 like every
// API 3.0 error; a per-second limit is named as the gateway names it.
func (t *Cloud) Throttled(limit emulator.Limit) emulator.Failure {
	if !limit.IsZero() && limit.Window == time.Second {
		return emulator.Failure{Status: http.StatusOK, Code: tcCodeRequestLimitExceeded, Message: fmt.Sprintf(tcMsgRequestLimitN, limit.N+1, limit.N)}
	}
	return emulator.Failure{Status: http.StatusOK, Code: tcCodeRequestLimitExceeded, Message: tcMsgRequestLimit}
}

// ServerFault is API 3.0's internal error, with HTTP 200.
func (t *Cloud) ServerFault() emulator.Failure {
	return emulator.Failure{Status: http.StatusOK, Code: tcCodeInternalError, Message: tcMsgInternalError}
}

// tencentRequestID turns the server's 32-hex request ID into the UUID v4 form
// Tencent uses, so the record and the body carry the same value.
func tencentRequestID(id string) string {
	b, err := hex.DecodeString(id)
	if err != nil || len(b) != 16 {
		return id
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	s := hex.EncodeToString(b)
	return s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
}

// SetData replaces the data (a running emulator's admin route; the caller
// holds emulator.Server.Exclusive). Relative times count from now.
func (t *Cloud) SetData(d Data) {
	data := emulator.Clone(&d)
	_ = data.ResolveTimes(time.Now())
	t.data = data
}
