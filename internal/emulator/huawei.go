package emulator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// huaweiCloudName is the Request.Cloud value for Huawei Cloud requests.
const huaweiCloudName = "huaweicloud"

// HuaweiData is the Huawei Cloud section of Data.
type HuaweiData struct {
	Projects                  map[string]string         `json:"projects,omitempty"` // region -> project ID
	ImagePayPerScanStatistics *HSSImageScanStatistics   `json:"hss_image_pay_per_scan_statistics,omitempty"`
	ResourceQuotas            *HSSResourceQuotas        `json:"hss_resource_quotas,omitempty"`
	TenantResourcesCount      *MetaStudioResourcesCount `json:"metastudio_tenant_resources_count,omitempty"`
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
}

// Example responses verbatim from the vendor API documentation.
const (
	huaweiDefaultStatistics = `{"repository_scan_num":5,"cicd_scan_num":10,"free_quota_num":2,"already_given":true,"image_free_quota":10}`
	huaweiDefaultQuotas     = `{"data_list":[{"available_num":1,"available_resources_list":[{"current_time":"2022-09-17T17:00:24Z","resource_id":"9ecb83a7-8b03-4e37-a26d-c3e90ca97eea","shared_quota":"shared"}],"total_num":2,"used_num":1,"version":"hss.version.basic"}]}`
	huaweiDefaultResources  = `{"resources_count":[{"business_type":"LIVE_2D","count":1,"charging_mode":"ONE_TIME","resource_source":"SP_ALLOCATED"}]}`
)

func defaultHuaweiData() HuaweiData {
	var d HuaweiData
	d.ImagePayPerScanStatistics = new(HSSImageScanStatistics)
	mustDecode(huaweiDefaultStatistics, d.ImagePayPerScanStatistics)
	d.ResourceQuotas = new(HSSResourceQuotas)
	mustDecode(huaweiDefaultQuotas, d.ResourceQuotas)
	d.TenantResourcesCount = new(MetaStudioResourcesCount)
	mustDecode(huaweiDefaultResources, d.TenantResourcesCount)
	return d
}

// merge replaces d's sections with the ones other sets.
func (d *HuaweiData) merge(other *HuaweiData) {
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
}

// huaweiStaticRegions are regions whose derived project IDs are accepted even
// before an IAM lookup, so clients configured with an explicit project ID work.
var huaweiStaticRegions = []string{
	"cn-north-1", "cn-north-4", "cn-north-9", "cn-east-2", "cn-east-3", "cn-east-4",
	"cn-south-1", "cn-south-2", "cn-southwest-2", "ap-southeast-1", "ap-southeast-2",
	"ap-southeast-3", "af-south-1", "sa-brazil-1", "na-mexico-1", "la-south-2",
	"eu-west-101", "ru-moscow-1", "me-east-1", "tr-west-1",
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
	handle  func(h *huaweiCloud, x *exchange, q url.Values) (int, any)
}

var huaweiRoutes = []huaweiRoute{
	{http.MethodGet, split("/v3/projects"), "KeystoneListProjects", (*huaweiCloud).keystoneListProjects},
	{http.MethodGet, split("/v5/{project_id}/image/pay-per-scan/statistics"), "ShowImagePayPerScanStatistics", (*huaweiCloud).showImagePayPerScanStatistics},
	{http.MethodGet, split("/v5/{project_id}/billing/quotas"), "ShowResourceQuotas", (*huaweiCloud).showResourceQuotas},
	{http.MethodGet, split("/v1/{project_id}/tenants/resources-count"), "CountTenantResources", (*huaweiCloud).countTenantResources},
	{http.MethodPost, split("/v3.0/OS-AUTH/id-token/tokens"), ActionHuaweiTokenWithIDToken, (*huaweiCloud).createTokenWithIDToken},
	{http.MethodPost, split("/v3.0/OS-CREDENTIAL/securitytokens"), huaweiSecurityTokensAction, (*huaweiCloud).createTemporaryAccessKey},
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
		case p != segs[i]:
			return "", false
		}
	}
	return projectID, true
}

// huaweiCloud emulates the Huawei Cloud API gateway, IAM and the services
// behind it.
type huaweiCloud struct {
	srv      *Server
	data     *HuaweiData
	identity HuaweiIdentity

	// credMu guards creds (the IAM and metadata services add the temporary credentials they
	// issue) and the tokens those services handed out.
	credMu         sync.RWMutex
	creds          map[string]Credential
	subjectTokens  map[string]string // IAM token from an ID token -> identity provider
	metadataTokens map[string]bool

	mu     sync.Mutex
	issued map[string]string // project ID -> region, for every project IAM handed out
}

func newHuaweiCloud(srv *Server, data *HuaweiData, creds []Credential) *huaweiCloud {
	h := &huaweiCloud{
		srv:    srv,
		data:   data,
		creds:  make(map[string]Credential, len(creds)),
		issued: map[string]string{},

		subjectTokens:  map[string]string{},
		metadataTokens: map[string]bool{},
	}
	for _, c := range creds {
		h.creds[c.AccessKey] = c
	}
	for _, region := range huaweiStaticRegions {
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

// issueProject returns the project ID for region and remembers it as valid.
func (h *huaweiCloud) issueProject(region string) string {
	id, ok := h.data.Projects[region]
	if !ok {
		id = derivedHuaweiID("project", region)
	}
	h.mu.Lock()
	h.issued[id] = region
	h.mu.Unlock()
	return id
}

func (h *huaweiCloud) knownProject(id string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, ok := h.issued[id]
	return ok
}

// claims: Huawei is the fallback cloud, answering every path no other cloud
// claims with the Huawei gateway's 404.
func (h *huaweiCloud) claims(r *http.Request) bool {
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

// serve runs the gateway pipeline: route, authenticate, authorize the
// project, apply injected faults, then the service handler.
func (h *huaweiCloud) serve(x *exchange) {
	x.rec.Cloud = huaweiCloudName
	r := x.r
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
	x.rec.Action = route.action
	if route.action == huaweiSecurityTokensAction {
		x.rec.Action = securityTokensAction(r)
	}
	x.rec.ProjectID = projectID

	// The unsigned IAM actions authenticate by the ID token or IAM token in their body.
	if !huaweiUnsigned[x.rec.Action] {
		if status, msg := h.authenticate(x); status != 0 {
			h.gatewayError(x, status, apigwAuthFailed, msg)
			return
		}
	}
	if projectID != "" && !h.knownProject(projectID) {
		h.gatewayError(x, http.StatusForbidden, apigwAuthFailed, msgProjectNotOwned)
		return
	}
	if h.srv.intercept(x, h) {
		return
	}
	status, body := route.handle(h, x, r.URL.Query())
	h.reply(x, status, body)
}

// authenticate verifies the SDK-HMAC-SHA256 signature as Huawei's API gateway
// does. It returns 0 on success, else the HTTP status and error message.
func (h *huaweiCloud) authenticate(x *exchange) (int, string) {
	r := x.r
	authz := r.Header.Get("Authorization")
	if authz == "" {
		return http.StatusUnauthorized, msgAuthMissing
	}
	auth, ok := parseHuaweiAuthorization(authz)
	if !ok {
		return http.StatusUnauthorized, msgSignatureFail
	}
	x.rec.AccessKey = auth.accessKey
	h.credMu.RLock()
	cred, ok := h.creds[auth.accessKey]
	h.credMu.RUnlock()
	if !ok || auth.accessKey == "" {
		return http.StatusUnauthorized, msgAuthPrefix + "ak " + auth.accessKey + " not exist"
	}
	date := r.Header.Get("X-Sdk-Date")
	if date == "" {
		return http.StatusUnauthorized, msgDateMissing
	}
	if _, err := time.Parse(huaweiDateFormat, date); err != nil {
		return http.StatusUnauthorized, msgDateInvalid
	}
	body, err := readBody(r)
	if err != nil {
		return http.StatusUnauthorized, msgSignatureFail
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	want := huaweiSignature(cred.SecretKey, date, huaweiCanonicalRequest(r, auth.signedHeaders, body))
	if !constantTimeEqual(want, auth.signature) {
		return http.StatusUnauthorized, msgSignatureFail
	}
	token, hasToken := r.Header["X-Security-Token"]
	if cred.SecurityToken != "" || hasToken {
		if !hasToken || len(token) != 1 || !constantTimeEqual(token[0], cred.SecurityToken) {
			return http.StatusUnauthorized, msgTokenInvalid
		}
	}
	return 0, ""
}

// reply writes a JSON body with the headers every Huawei response carries.
func (h *huaweiCloud) reply(x *exchange, status int, body any) {
	x.rec.Status = status
	x.w.Header().Set("Content-Type", "application/json")
	x.w.Header().Set("X-Request-Id", x.rec.RequestID)
	raw, err := json.Marshal(body)
	if err != nil { // only plain structs: cannot happen
		raw = []byte(`{}`)
	}
	x.send(status, raw)
}

// huaweiError is the error body of Huawei services and the API gateway.
type huaweiError struct {
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
	RequestID string `json:"request_id,omitempty"`
}

// gatewayError answers as the API gateway does, with the request ID in the body.
func (h *huaweiCloud) gatewayError(x *exchange, status int, code, msg string) {
	h.reply(x, status, huaweiError{ErrorCode: code, ErrorMsg: msg, RequestID: x.rec.RequestID})
}

// fail answers an injected failure as the gateway does.
func (h *huaweiCloud) fail(x *exchange, f failure) {
	if f.status == 0 {
		f.status = http.StatusBadRequest
	}
	h.gatewayError(x, f.status, f.code, f.message)
}

// throttled is the gateway's answer to a user over its flow control policy.
func (h *huaweiCloud) throttled(limit int) failure {
	msg := msgThrottled
	if limit > 0 {
		msg += fmt.Sprintf(",limit:%d,time:1 second", limit)
	}
	return failure{http.StatusTooManyRequests, apigwThrottled, msg}
}

func (h *huaweiCloud) serverFault() failure {
	return failure{http.StatusInternalServerError, apigwSystemError, msgSystemError}
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

// keystoneListProjects answers IAM's project lookup. Every region name has
// exactly one project, because the SDK refuses zero or several.
func (h *huaweiCloud) keystoneListProjects(x *exchange, q url.Values) (int, any) {
	x.w.Header().Set("X-IAM-Trace-Id", newRequestID())
	domainID := derivedHuaweiID("domain", x.rec.AccessKey)
	base := "http://" + x.r.Host + "/v3/projects"
	project := func(region, id string) keystoneProject {
		return keystoneProject{
			ID: id, Name: region, DomainID: domainID, ParentID: domainID, Enabled: true,
			Links: map[string]string{"self": base + "/" + id},
		}
	}
	out := keystoneProjects{Projects: []keystoneProject{}, Links: map[string]string{"self": base}}
	if q.Has("name") {
		region := q.Get("name")
		out.Projects = append(out.Projects, project(region, h.issueProject(region)))
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

// --- HSS ---

func hssInvalid(param string) (int, any) {
	return http.StatusBadRequest, huaweiError{ErrorCode: "HSS.1001", ErrorMsg: "Invalid parameter: " + param}
}

func (h *huaweiCloud) showImagePayPerScanStatistics(_ *exchange, _ url.Values) (int, any) {
	if h.data.ImagePayPerScanStatistics == nil {
		return http.StatusOK, HSSImageScanStatistics{}
	}
	return http.StatusOK, h.data.ImagePayPerScanStatistics
}

func (h *huaweiCloud) showResourceQuotas(_ *exchange, q url.Values) (int, any) {
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

func (h *huaweiCloud) countTenantResources(_ *exchange, q url.Values) (int, any) {
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
			if wanted == nil || (e.BusinessType != nil && slices.Contains(wanted, *e.BusinessType)) {
				out.ResourcesCount = append(out.ResourcesCount, e)
			}
		}
	}
	return http.StatusOK, out
}
