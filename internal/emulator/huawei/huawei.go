package huawei

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// Name is the Request.Cloud value for Huawei Cloud requests, and the name of
// its section in the data file.
const Name = "huaweicloud"

// DefaultCredential is what the emulator accepts when Options.Credentials is
// nil. It is an emulator-only constant, not a secret.
var DefaultCredential = emulator.Credential{AccessKey: "EMULATORHUAWEIAK0001", SecretKey: "emulator-huawei-secret-key"}

// Options configures the emulated Huawei Cloud; its Identity is what its credential sources (IAM agencies and federation, ECS metadata) know.
type Options = emulator.CloudOptions[Data, Identity]

// Data is the Huawei Cloud section of Data.
type Data struct {
	Projects                  map[string]string         `json:"projects,omitempty"` // region -> project ID
	ImagePayPerScanStatistics *HSSImageScanStatistics   `json:"hss_image_pay_per_scan_statistics,omitempty"`
	ResourceQuotas            *HSSResourceQuotas        `json:"hss_resource_quotas,omitempty"`
	TenantResourcesCount      *MetaStudioResourcesCount `json:"metastudio_tenant_resources_count,omitempty"`
	ServerLimits              *ECSServerLimits          `json:"ecs_server_limits,omitempty"`
	VPCQuotas                 *VPCQuotas                `json:"vpc_quotas,omitempty"`
	EVSQuotaSet               map[string]EVSQuota       `json:"evs_quota_set,omitempty"`
	CustomerResources         *BSSCustomerResources     `json:"bss_customer_resources,omitempty"`
}

// HSSImageScanStatistics is the body of HSS ShowImagePayPerScanStatistics.
// Pointer fields with omitempty let a data file omit a field on the wire, as
// the real service sometimes does.
type HSSImageScanStatistics struct {
	RepositoryScanNum *int32             `json:"repository_scan_num,omitempty"`
	CicdScanNum       *int32             `json:"cicd_scan_num,omitempty"`
	FreeQuotaNum      *int32             `json:"free_quota_num,omitempty"`
	AlreadyGiven      *bool              `json:"already_given,omitempty"`
	ImageFreeQuota    *int32             `json:"image_free_quota,omitempty"`
	HighRisk          *HSSImageTypeCount `json:"high_risk,omitempty"`
	HasRisk           *HSSImageTypeCount `json:"has_risk,omitempty"`
	Total             *HSSImageTypeCount `json:"total,omitempty"`
	Unscan            *HSSImageTypeCount `json:"unscan,omitempty"`
}

// HSSImageTypeCount counts images per source. "registriy" is the vendor's
// own spelling on the wire.
type HSSImageTypeCount struct {
	Local     *int32 `json:"local,omitempty"`
	Registriy *int32 `json:"registriy,omitempty"`
	Cicd      *int32 `json:"cicd,omitempty"`
}

// HSSResourceQuotas is the body of HSS ShowResourceQuotas.
type HSSResourceQuotas struct {
	DataList []HSSResourceQuota `json:"data_list"`
}

// HSSResourceQuota is one edition's quota in HSSResourceQuotas.
type HSSResourceQuota struct {
	Version                *string                 `json:"version,omitempty"`
	TotalNum               *int32                  `json:"total_num,omitempty"`
	UsedNum                *int32                  `json:"used_num,omitempty"`
	AvailableNum           *int32                  `json:"available_num,omitempty"`
	AvailableResourcesList *[]HSSAvailableResource `json:"available_resources_list,omitempty"`
}

// HSSAvailableResource is one unused quota resource.
type HSSAvailableResource struct {
	ResourceID  *string `json:"resource_id,omitempty"`
	CurrentTime *string `json:"current_time,omitempty"`
	SharedQuota *string `json:"shared_quota,omitempty"`
}

// MetaStudioResourcesCount is the body of MetaStudio CountTenantResources.
type MetaStudioResourcesCount struct {
	ResourcesCount []MetaStudioResourceCount `json:"resources_count"`
}

// MetaStudioResourceCount is one business type's resource count.
type MetaStudioResourceCount struct {
	BusinessType   *string `json:"business_type,omitempty"`
	Count          *int64  `json:"count,omitempty"`
	ChargingMode   *string `json:"charging_mode,omitempty"`
	ResourceSource *string `json:"resource_source,omitempty"`
	// ExpireTime is the emulator's own field, never sent: when these
	// resources expire (RFC 3339, or relative such as "now+240h"), which the
	// request's resource_expire_start_time / resource_expire_end_time filter
	// by. Without it the entry is in every answer.
	ExpireTime *string `json:"expire_time,omitempty"`
}

// Time formats of the Huawei APIs: HSS's current_time and MetaStudio's
// expiry window are RFC 3339 in UTC.
const hwTimeLayout = "2006-01-02T15:04:05Z"

// ResolveTimes turns the relative times in d ("now+720h", see
// emulator.ResolveTime) into the APIs' format, from start.
func (d *Data) ResolveTimes(start time.Time) error {
	if d.ResourceQuotas != nil {
		for _, q := range d.ResourceQuotas.DataList {
			if q.AvailableResourcesList == nil {
				continue
			}
			for i := range *q.AvailableResourcesList {
				if err := emulator.ResolveTimeField((*q.AvailableResourcesList)[i].CurrentTime, start, hwTimeLayout, time.UTC); err != nil {
					return fmt.Errorf("hss_resource_quotas: current_time: %w", err)
				}
			}
		}
	}
	if d.TenantResourcesCount != nil {
		for _, e := range d.TenantResourcesCount.ResourcesCount {
			if err := emulator.ResolveTimeField(e.ExpireTime, start, hwTimeLayout, time.UTC); err != nil {
				return fmt.Errorf("metastudio_tenant_resources_count: expire_time: %w", err)
			}
			if e.ExpireTime != nil {
				if _, err := time.Parse(time.RFC3339, *e.ExpireTime); err != nil {
					return fmt.Errorf("metastudio_tenant_resources_count: expire_time %q is not RFC 3339, such as 2026-01-02T15:04:05Z, or relative, such as now+240h", *e.ExpireTime)
				}
			}
		}
	}
	if d.CustomerResources != nil {
		// BSS's times stay relative: they are resolved at each answer.
		if err := d.CustomerResources.checkTimes(start); err != nil {
			return err
		}
	}
	return nil
}

// Example responses verbatim from the vendor API documentation.
const (
	huaweiDefaultStatistics = `{"repository_scan_num":5,"cicd_scan_num":10,"free_quota_num":2,"already_given":true,"image_free_quota":10}`
	huaweiDefaultQuotas     = `{"data_list":[{"available_num":1,"available_resources_list":[{"current_time":"2022-09-17T17:00:24Z","resource_id":"9ecb83a7-8b03-4e37-a26d-c3e90ca97eea","shared_quota":"shared"}],"total_num":2,"used_num":1,"version":"hss.version.basic"}]}`
	huaweiDefaultResources  = `{"resources_count":[{"business_type":"LIVE_2D","count":1,"charging_mode":"ONE_TIME","resource_source":"SP_ALLOCATED"}]}`
)

// DefaultData returns the vendor documentation's example responses.
func DefaultData() Data {
	var d Data
	d.ImagePayPerScanStatistics = new(HSSImageScanStatistics)
	emulator.MustDecode(huaweiDefaultStatistics, d.ImagePayPerScanStatistics)
	d.ResourceQuotas = new(HSSResourceQuotas)
	emulator.MustDecode(huaweiDefaultQuotas, d.ResourceQuotas)
	d.TenantResourcesCount = new(MetaStudioResourcesCount)
	emulator.MustDecode(huaweiDefaultResources, d.TenantResourcesCount)
	d.ServerLimits = new(ECSServerLimits)
	emulator.MustDecode(DefaultServerLimits, d.ServerLimits)
	d.VPCQuotas = new(VPCQuotas)
	emulator.MustDecode(DefaultVPCQuotas, d.VPCQuotas)
	var evs struct {
		QuotaSet map[string]json.RawMessage `json:"quota_set"`
	}
	emulator.MustDecode(DefaultEVSQuotaSet, &evs)
	d.EVSQuotaSet = map[string]EVSQuota{}
	for k, raw := range evs.QuotaSet {
		if k != "id" { // the project ID, which the emulator answers with the caller's own
			var q EVSQuota
			emulator.MustDecode(string(raw), &q)
			d.EVSQuotaSet[k] = q
		}
	}
	d.CustomerResources = new(BSSCustomerResources)
	emulator.MustDecode(huaweiDefaultBSSResources, d.CustomerResources)
	return d
}

// Merge replaces d's sections with the ones other sets.
func (d *Data) Merge(other *Data) {
	if other.Projects != nil {
		d.Projects = other.Projects
	}
	if other.ImagePayPerScanStatistics != nil {
		d.ImagePayPerScanStatistics = other.ImagePayPerScanStatistics
	}
	if other.ResourceQuotas != nil {
		d.ResourceQuotas = other.ResourceQuotas
	}
	if other.TenantResourcesCount != nil {
		d.TenantResourcesCount = other.TenantResourcesCount
	}
	if other.ServerLimits != nil {
		d.ServerLimits = other.ServerLimits
	}
	if other.VPCQuotas != nil {
		d.VPCQuotas = other.VPCQuotas
	}
	if other.EVSQuotaSet != nil {
		d.EVSQuotaSet = other.EVSQuotaSet
	}
	if other.CustomerResources != nil {
		d.CustomerResources = other.CustomerResources
	}
}

// Regions are the regions the emulated account has a project in: those the
// SDK's region tables of IAM, HSS, MetaStudio, ECS, VPC and EVS name (huaweicloud-sdk-go-v3
// v0.1.207; TestRegionsAreTheSDKs keeps the list honest), besides any the data
// file's projects name. IAM answers no project for any other region, as the
// real IAM does for a region the account has none in, and a project ID in an
// API path must be one of theirs.
var Regions = []string{
	"ae-ad-1", "af-north-1", "af-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
	"cn-east-2", "cn-east-3", "cn-east-4", "cn-east-5", "cn-north-1", "cn-north-11", "cn-north-12",
	"cn-north-2", "cn-north-4", "cn-north-9", "cn-south-1", "cn-south-2", "cn-south-4",
	"cn-southwest-2", "cn-southwest-3", "eu-west-0", "eu-west-101", "la-north-2", "la-south-2",
	"me-east-1", "my-kualalumpur-1", "na-mexico-1", "ru-moscow-1", "ru-northwest-2", "sa-brazil-1", "tr-west-1",
}

// knownRegion reports whether the account has a project in region.
func (h *Cloud) knownRegion(region string) bool {
	_, configured := h.data.Projects[region]
	return configured || slices.Contains(Regions, region)
}

// Valid enumerations, from the vendor API documentation.
var (
	hssVersions = []string{
		"hss.version.null", "hss.version.basic", "hss.version.advanced", "hss.version.enterprise",
		"hss.version.premium", "hss.version.wtp", "hss.version.container.enterprise",
	}
	hssChargingModes       = []string{"packet_cycle", "on_demand"}
	metaStudioBusinessType = []string{
		"VOICE_CLONE", "SYNTHETICS_SOUND", "ASSET_MANAGER", "MODELING_2D", "LIVE_2D", "VIDEO_2D",
		"CHAT_2D", "BUSINESS_CARD_2D", "PICTURE_2D", "MODELING_3D", "VDS_3D", "TTSA_3D", "FLEXUS_2D",
	}
)

// Huawei API gateway error codes and messages.
const (
	apigwAPINotFound = "APIGW.0101"
	apigwAuthFailed  = "APIGW.0301"
	apigwThrottled   = "APIGW.0308"
	apigwSystemError = "APIGW.9999"

	msgAPINotFound     = "The API does not exist or has not been published in the environment"
	msgAuthPrefix      = "Incorrect IAM authentication information: "
	msgSignatureFail   = msgAuthPrefix + "verify aksk signature fail"
	msgAuthMissing     = msgAuthPrefix + "Authorization header missing"
	msgDateMissing     = msgAuthPrefix + "X-Sdk-Date header missing"
	msgDateInvalid     = msgAuthPrefix + "X-Sdk-Date header invalid"
	msgTokenInvalid    = msgAuthPrefix + "decrypt token fail"
	msgProjectNotOwned = msgAuthPrefix + "the project id does not belong to the user"
	msgThrottled       = "The throttling threshold has been reached: policy user over ratelimit"
	msgSystemError     = "System error. Please try again later."
)

// huaweiRoute is one emulated API. pattern segments written as "{project_id}"
// capture the project ID.
type huaweiRoute struct {
	method  string
	pattern []string
	action  string
	handle  func(h *Cloud, x *emulator.Exchange, q url.Values) (int, any)
}

var huaweiRoutes = []huaweiRoute{
	{http.MethodGet, split("/v3/projects"), "KeystoneListProjects", (*Cloud).keystoneListProjects},
	{http.MethodGet, split("/v3/auth/domains"), "KeystoneListAuthDomains", (*Cloud).keystoneListAuthDomains},
	{http.MethodGet, split("/v3/auth/catalog"), "KeystoneShowCatalog", (*Cloud).keystoneShowCatalog},
	{http.MethodGet, split("/v5/{project_id}/image/pay-per-scan/statistics"), "ShowImagePayPerScanStatistics", (*Cloud).showImagePayPerScanStatistics},
	{http.MethodGet, split("/v5/{project_id}/billing/quotas"), "ShowResourceQuotas", (*Cloud).showResourceQuotas},
	{http.MethodGet, split("/v1/{project_id}/tenants/resources-count"), "CountTenantResources", (*Cloud).countTenantResources},
	{http.MethodGet, split("/v1/{project_id}/cloudservers/limits"), "ShowServerLimits", (*Cloud).showServerLimits},
	{http.MethodGet, split("/v1/{project_id}/quotas"), "ShowQuota", (*Cloud).showQuota},
	{http.MethodGet, split("/v2/{project_id}/os-quota-sets/{target_project_id}"), "CinderListQuotas", (*Cloud).cinderListQuotas},
	{http.MethodPost, split("/v2/orders/suscriptions/resources/query"), ActionListCustomerResources, (*Cloud).listCustomerResources},
	{http.MethodPost, split("/v3.0/OS-AUTH/id-token/tokens"), ActionTokenWithIDToken, (*Cloud).createTokenWithIDToken},
	{http.MethodPost, split("/v3.0/OS-CREDENTIAL/securitytokens"), huaweiSecurityTokensAction, (*Cloud).createTemporaryAccessKey},
}

func split(path string) []string { return strings.Split(strings.Trim(path, "/"), "/") }

// match reports whether path fits the route, returning the captured project ID.
func (rt huaweiRoute) match(path string) (projectID string, ok bool) {
	segs := split(path)
	if len(segs) != len(rt.pattern) {
		return "", false
	}
	for i, p := range rt.pattern {
		switch {
		case p == "{project_id}":
			if segs[i] == "" {
				return "", false
			}
			projectID = segs[i]
		case strings.HasPrefix(p, "{"): // another path parameter, read by the handler
			if segs[i] == "" {
				return "", false
			}
		case p != segs[i]:
			return "", false
		}
	}
	return projectID, true
}

// Cloud emulates the Huawei Cloud API gateway, IAM and the services
// behind it.
type Cloud struct {
	data     *Data
	identity Identity

	// credMu guards creds (the IAM and metadata services add the temporary credentials they
	// issue) and the tokens those services handed out.
	credMu         sync.RWMutex
	creds          map[string]emulator.Credential
	subjectTokens  map[string]string // IAM token from an ID token -> identity provider
	metadataTokens map[string]bool

	issuedCreds []emulator.IssuedCredential

	mu     sync.Mutex
	issued map[string]string // project ID -> region, for every project IAM handed out
}

// New builds the emulated Huawei Cloud, a Backend for emulator.New. As the
// fallback for paths no other cloud claims, it belongs last in
// emulator.Options.Backends.
func New(opts Options) *Cloud {
	data, creds := opts.Resolve(DefaultData, DefaultCredential)
	// Relative times count from now; a malformed one (all.LoadData refuses
	// them) stays as it is.
	_ = data.ResolveTimes(time.Now())
	h := &Cloud{
		data:     data,
		identity: opts.Identity,
		creds:    creds,
		issued:   map[string]string{},

		subjectTokens:  map[string]string{},
		metadataTokens: map[string]bool{},
	}
	// Derived project IDs are accepted before any IAM lookup, so clients
	// configured with an explicit project ID work.
	for _, region := range Regions {
		h.issueProject(region)
	}
	for region, id := range data.Projects {
		h.issued[id] = region
	}
	return h
}

// derivedHuaweiID gives a stable 32-hex ID, the shape of Huawei project and
// domain IDs, so the same name always maps to the same ID across runs.
func derivedHuaweiID(kind, name string) string {
	sum := sha256.Sum256([]byte(kind + ":" + name))
	return hex.EncodeToString(sum[:])[:32]
}

// Name is the Request.Cloud value of Huawei Cloud requests.
func (h *Cloud) Name() string { return Name }

// Actions names every action the emulated Huawei Cloud records.
func (h *Cloud) Actions() []string {
	out := []string{ActionAccessKeyByToken, ActionAccessKeyByAgency, ActionMetadataToken, ActionMetadataSecurityKey}
	for _, rt := range huaweiRoutes {
		if rt.action != huaweiSecurityTokensAction {
			out = append(out, rt.action)
		}
	}
	return out
}

// ProjectID returns the project ID IAM answers for region. The project is
// considered issued from then on, so tests may use it directly, even for a
// region IAM does not know (see Regions).
func (h *Cloud) ProjectID(region string) string { return h.issueProject(region) }

// issueProject returns the project ID for region and remembers it as valid.
func (h *Cloud) issueProject(region string) string {
	id, ok := h.data.Projects[region]
	if !ok {
		id = derivedHuaweiID("project", region)
	}
	h.mu.Lock()
	h.issued[id] = region
	h.mu.Unlock()
	return id
}

func (h *Cloud) knownProject(id string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, ok := h.issued[id]
	return ok
}

// Claims: Huawei is the fallback cloud, answering every path no other cloud
// claims with the Huawei gateway's 404.
func (h *Cloud) Claims(r *http.Request) bool {
	if isHuaweiMetadataHost(r.Host) {
		return true
	}
	if strings.HasPrefix(r.Header.Get("Authorization"), "SDK-HMAC-") {
		return true
	}
	for _, rt := range huaweiRoutes {
		if _, ok := rt.match(r.URL.Path); ok {
			return true
		}
	}
	return false
}

// Serve runs the gateway pipeline: route, authenticate, authorize the
// project, apply injected faults, then the service handler.
func (h *Cloud) Serve(x *emulator.Exchange) {
	x.Rec.Cloud = Name
	r := x.R
	if isHuaweiMetadataHost(r.Host) {
		h.serveMetadata(x)
		return
	}

	var route *huaweiRoute
	var projectID string
	for i := range huaweiRoutes {
		if id, ok := huaweiRoutes[i].match(r.URL.Path); ok && huaweiRoutes[i].method == r.Method {
			route, projectID = &huaweiRoutes[i], id
			break
		}
	}
	if route == nil {
		h.gatewayError(x, http.StatusNotFound, apigwAPINotFound, msgAPINotFound)
		return
	}
	x.Rec.Action = route.action
	if route.action == huaweiSecurityTokensAction {
		x.Rec.Action = securityTokensAction(r)
	}
	x.Rec.ProjectID = projectID

	// The unsigned IAM actions authenticate by the ID token or IAM token in their body.
	if !huaweiUnsigned[x.Rec.Action] {
		if status, msg := h.authenticate(x); status != 0 {
			h.gatewayError(x, status, apigwAuthFailed, msg)
			return
		}
	}
	if huaweiGlobal[x.Rec.Action] {
		if status, msg := h.authorizeDomain(x); status != 0 {
			h.gatewayError(x, status, apigwAuthFailed, msg)
			return
		}
	}
	if projectID != "" && !h.knownProject(projectID) {
		h.gatewayError(x, http.StatusForbidden, apigwAuthFailed, msgProjectNotOwned)
		return
	}
	if x.Intercept(h) {
		return
	}
	status, body := route.handle(h, x, r.URL.Query())
	h.reply(x, status, body)
}

// huaweiGlobal are the global APIs (billing): no project in the path, called with global
// credentials, which send the account's domain ID as a signed X-Domain-Id header.
var huaweiGlobal = map[string]bool{ActionListCustomerResources: true}

// authorizeDomain checks a global API's X-Domain-Id: present, signed, and the caller's own
// account (the domain IAM's /v3/auth/domains answers for its key). It returns 0 on success.
func (h *Cloud) authorizeDomain(x *emulator.Exchange) (int, string) {
	domain := x.R.Header.Get("X-Domain-Id")
	if domain == "" {
		return http.StatusUnauthorized, msgAuthPrefix + "X-Domain-Id header missing"
	}
	auth, _ := parseHuaweiAuthorization(x.R.Header.Get("Authorization"))
	if !slices.Contains(auth.SignedHeaders, "x-domain-id") {
		return http.StatusUnauthorized, msgSignatureFail
	}
	if domain != h.DomainID(x.Rec.AccessKey) {
		return http.StatusForbidden, msgAuthPrefix + "the domain id does not belong to the user"
	}
	return 0, ""
}

// DomainID is the account (IAM domain) ID of access key ak, as IAM's /v3/auth/domains
// answers it.
func (h *Cloud) DomainID(ak string) string { return derivedHuaweiID("domain", ak) }

// authenticate verifies the SDK-HMAC-SHA256 signature as Huawei's API gateway
// does. It returns 0 on success, else the HTTP status and error message.
func (h *Cloud) authenticate(x *emulator.Exchange) (int, string) {
	r := x.R
	authz := r.Header.Get("Authorization")
	if authz == "" {
		return http.StatusUnauthorized, msgAuthMissing
	}
	auth, ok := parseHuaweiAuthorization(authz)
	if !ok {
		return http.StatusUnauthorized, msgSignatureFail
	}
	x.Rec.AccessKey = auth.AccessKey
	h.credMu.RLock()
	cred, ok := h.creds[auth.AccessKey]
	h.credMu.RUnlock()
	if !ok || auth.AccessKey == "" {
		return http.StatusUnauthorized, msgAuthPrefix + "ak " + auth.AccessKey + " not exist"
	}
	date := r.Header.Get("X-Sdk-Date")
	if date == "" {
		return http.StatusUnauthorized, msgDateMissing
	}
	if _, err := time.Parse(huaweiDateFormat, date); err != nil {
		return http.StatusUnauthorized, msgDateInvalid
	}
	body, err := emulator.ReadBody(r)
	if err != nil {
		return http.StatusUnauthorized, msgSignatureFail
	}
	want := huaweiSignature(cred.SecretKey, date, huaweiCanonicalRequest(r, auth.SignedHeaders, body))
	if !emulator.ConstantTimeEqual(want, auth.Signature) {
		return http.StatusUnauthorized, msgSignatureFail
	}
	token, hasToken := r.Header["X-Security-Token"]
	if cred.SecurityToken != "" || hasToken {
		if !hasToken || len(token) != 1 || !emulator.ConstantTimeEqual(token[0], cred.SecurityToken) {
			return http.StatusUnauthorized, msgTokenInvalid
		}
	}
	return 0, ""
}

// reply writes a JSON body with the headers every Huawei response carries.
func (h *Cloud) reply(x *emulator.Exchange, status int, body any) {
	x.Rec.Status = status
	x.W.Header().Set("Content-Type", "application/json")
	x.W.Header().Set("X-Request-Id", x.Rec.RequestID)
	raw, err := json.Marshal(body)
	if err != nil { // only plain structs: cannot happen
		raw = []byte(`{}`)
	}
	x.Send(status, raw)
}

// huaweiError is the error body of Huawei services and the API gateway.
type huaweiError struct {
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
	RequestID string `json:"request_id,omitempty"`
}

// gatewayError answers as the API gateway does, with the request ID in the body.
func (h *Cloud) gatewayError(x *emulator.Exchange, status int, code, msg string) {
	h.reply(x, status, huaweiError{ErrorCode: code, ErrorMsg: msg, RequestID: x.Rec.RequestID})
}

// Fail answers an injected failure as the gateway does.
func (h *Cloud) Fail(x *emulator.Exchange, f emulator.Failure) {
	if f.Status == 0 {
		f.Status = http.StatusBadRequest
	}
	h.gatewayError(x, f.Status, f.Code, f.Message)
}

// Throttled is the gateway's answer to a user over its flow control policy,
// naming the policy's limit and window as APIG does ("...,limit:5,time:1
// minute"). APIG documents no Retry-After header, so none is sent.
func (h *Cloud) Throttled(limit emulator.Limit) emulator.Failure {
	msg := msgThrottled
	if !limit.IsZero() {
		msg += fmt.Sprintf(",limit:%d,time:%s", limit.N, apigwWindow(limit.Window))
	}
	return emulator.Failure{Status: http.StatusTooManyRequests, Code: apigwThrottled, Message: msg}
}

// apigwWindow writes a flow control window the way APIG's message does: "1
// minute", "1 second", or a whole number of the largest unit that divides it.
func apigwWindow(d time.Duration) string {
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{time.Hour, "hour"}, {time.Minute, "minute"}, {time.Second, "second"}, {time.Millisecond, "millisecond"}} {
		if d >= u.d && d%u.d == 0 {
			n := int64(d / u.d)
			if n == 1 {
				return "1 " + u.name
			}
			return fmt.Sprintf("%d %ss", n, u.name)
		}
	}
	return d.String()
}

// ServerFault is the gateway's internal error.
func (h *Cloud) ServerFault() emulator.Failure {
	return emulator.Failure{Status: http.StatusInternalServerError, Code: apigwSystemError, Message: msgSystemError}
}

// --- IAM ---

type keystoneProject struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	DomainID    string            `json:"domain_id"`
	ParentID    string            `json:"parent_id"`
	IsDomain    bool              `json:"is_domain"`
	Enabled     bool              `json:"enabled"`
	Description string            `json:"description"`
	Links       map[string]string `json:"links"`
}

type keystoneProjects struct {
	Projects []keystoneProject `json:"projects"`
	Links    map[string]string `json:"links"`
}

// keystoneListProjects answers IAM's project lookup: exactly one project for
// a region the account has (Regions, the data file's projects), none for
// any other.
func (h *Cloud) keystoneListProjects(x *emulator.Exchange, q url.Values) (int, any) {
	x.W.Header().Set("X-IAM-Trace-Id", emulator.NewRequestID())
	domainID := derivedHuaweiID("domain", x.Rec.AccessKey)
	base := "http://" + x.R.Host + "/v3/projects"
	project := func(region, id string) keystoneProject {
		return keystoneProject{
			ID: id, Name: region, DomainID: domainID, ParentID: domainID, Enabled: true,
			Links: map[string]string{"self": base + "/" + id},
		}
	}
	out := keystoneProjects{Projects: []keystoneProject{}, Links: map[string]string{"self": base}}
	if q.Has("name") {
		// An unknown region has no project: an empty list, as Keystone
		// answers a name no project has (the SDK then fails the client build
		// with "failed to get project id of region ... automatically").
		region := q.Get("name")
		if h.knownRegion(region) {
			out.Projects = append(out.Projects, project(region, h.issueProject(region)))
		}
		out.Links["self"] = base + "?name=" + url.QueryEscape(region)
		return http.StatusOK, out
	}
	regions := make([]string, 0, len(h.data.Projects))
	for region := range h.data.Projects {
		regions = append(regions, region)
	}
	sort.Strings(regions)
	for _, region := range regions {
		out.Projects = append(out.Projects, project(region, h.data.Projects[region]))
	}
	return http.StatusOK, out
}

// domainName is the name of the emulated account (IAM domain) of every key.
const domainName = "emulator-domain"

// keystoneListAuthDomains answers GET /v3/auth/domains, the domains the
// caller may access: its own, as Keystone lists it. The official Huawei
// Cloud Terraform provider reads its domain ID here when it configures.
func (h *Cloud) keystoneListAuthDomains(x *emulator.Exchange, _ url.Values) (int, any) {
	x.W.Header().Set("X-IAM-Trace-Id", emulator.NewRequestID())
	id := derivedHuaweiID("domain", x.Rec.AccessKey)
	base := "http://" + x.R.Host + "/v3"
	return http.StatusOK, map[string]any{
		"domains": []map[string]any{{
			"id": id, "name": domainName, "enabled": true, "description": "",
			"links": map[string]any{"self": base + "/domains/" + id, "previous": nil, "next": nil},
		}},
		"links": map[string]any{"self": base + "/auth/domains", "previous": nil, "next": nil},
	}
}

// keystoneShowCatalog answers GET /v3/auth/catalog, the service catalog, with
// none: clients of the emulator name their endpoints. The official Huawei
// Cloud provider does not call it (it names its endpoints and, with
// skip_check_website_type, reads only /v3/projects and /v3/auth/domains when
// it configures); other Keystone clients may.
func (h *Cloud) keystoneShowCatalog(x *emulator.Exchange, _ url.Values) (int, any) {
	x.W.Header().Set("X-IAM-Trace-Id", emulator.NewRequestID())
	return http.StatusOK, map[string]any{
		"catalog": []any{},
		"links":   map[string]any{"self": "http://" + x.R.Host + "/v3/auth/catalog", "previous": nil, "next": nil},
	}
}

// --- HSS ---

func hssInvalid(param string) (int, any) {
	return http.StatusBadRequest, huaweiError{ErrorCode: "HSS.1001", ErrorMsg: "Invalid parameter: " + param}
}

func (h *Cloud) showImagePayPerScanStatistics(_ *emulator.Exchange, _ url.Values) (int, any) {
	if h.data.ImagePayPerScanStatistics == nil {
		return http.StatusOK, HSSImageScanStatistics{}
	}
	return http.StatusOK, h.data.ImagePayPerScanStatistics
}

func (h *Cloud) showResourceQuotas(_ *emulator.Exchange, q url.Values) (int, any) {
	version := q.Get("version")
	if version != "" && !slices.Contains(hssVersions, version) {
		return hssInvalid("version")
	}
	if mode := q.Get("charging_mode"); mode != "" && !slices.Contains(hssChargingModes, mode) {
		return hssInvalid("charging_mode")
	}
	out := HSSResourceQuotas{DataList: []HSSResourceQuota{}}
	if h.data.ResourceQuotas != nil {
		for _, e := range h.data.ResourceQuotas.DataList {
			if version == "" || (e.Version != nil && *e.Version == version) {
				out.DataList = append(out.DataList, e)
			}
		}
	}
	return http.StatusOK, out
}

// --- MetaStudio ---

func metaStudioInvalid() (int, any) {
	return http.StatusBadRequest, huaweiError{ErrorCode: "MSS.00000003", ErrorMsg: "Invalid parameter"}
}

func (h *Cloud) countTenantResources(_ *emulator.Exchange, q url.Values) (int, any) {
	var wanted []string
	if b := q.Get("business"); b != "" {
		for _, t := range strings.Split(b, ",") {
			t = strings.TrimSpace(t)
			if !slices.Contains(metaStudioBusinessType, t) {
				return metaStudioInvalid()
			}
			wanted = append(wanted, t)
		}
	}
	var start, end time.Time
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"resource_expire_start_time", &start}, {"resource_expire_end_time", &end}} {
		if v := q.Get(p.name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return metaStudioInvalid()
			}
			*p.t = t
		}
	}
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		return metaStudioInvalid()
	}
	out := MetaStudioResourcesCount{ResourcesCount: []MetaStudioResourceCount{}}
	if h.data.TenantResourcesCount != nil {
		for _, e := range h.data.TenantResourcesCount.ResourcesCount {
			if wanted != nil && (e.BusinessType == nil || !slices.Contains(wanted, *e.BusinessType)) {
				continue
			}
			if e.ExpireTime != nil {
				exp, err := time.Parse(time.RFC3339, *e.ExpireTime)
				if err == nil && ((!start.IsZero() && exp.Before(start)) || (!end.IsZero() && exp.After(end))) {
					continue
				}
			}
			e.ExpireTime = nil // the emulator's own field
			out.ResourcesCount = append(out.ResourcesCount, e)
		}
	}
	return http.StatusOK, out
}

// SetData replaces the data (a running emulator's admin route; the caller
// holds emulator.Server.Exclusive). Relative times count from now; the
// projects of d are accepted from now on, and those handed out before stay
// accepted.
func (h *Cloud) SetData(d Data) {
	data := emulator.Clone(&d)
	_ = data.ResolveTimes(time.Now())
	h.data = data
	h.mu.Lock()
	for region, id := range data.Projects {
		h.issued[id] = region
	}
	h.mu.Unlock()
}
