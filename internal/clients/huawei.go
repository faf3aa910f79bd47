package clients

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	hss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
	hssregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/region"
	metastudio "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1"
	metastudioregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1/region"
)

// HuaweiCloud is the cloud's name as diagnostics show it.
const HuaweiCloud = "Huawei Cloud"

// Huawei services this provider calls; the names match the endpoints attribute keys' services.
const (
	ServiceHSS        = "HSS"
	ServiceMetaStudio = "MetaStudio"
	ServiceIAM        = "IAM"
)

// HuaweiConfig is the huaweicloud block after HCL and environment are merged.
type HuaweiConfig struct {
	Region              string
	AccessKey           string
	SecretKey           string
	SecurityToken       string
	ProjectID           string
	EnterpriseProjectID string
	Endpoints           HuaweiEndpoints
	Profile             string // KooCLI profile name
	SharedConfigFile    string // KooCLI config file, "" = ~/.hcloud/config.json
	AssumeRole          HuaweiAssumeRole
	OIDC                HuaweiOIDC
}

// secrets are the settings that logs must never show.
func (c HuaweiConfig) secrets() []string {
	return []string{c.SecretKey, c.SecurityToken}
}

// HuaweiEndpoints are full URLs that replace the SDK's regional endpoints.
type HuaweiEndpoints struct {
	HSS        string
	MetaStudio string
	IAM        string
}

func (e HuaweiEndpoints) forService(service string) string {
	switch service {
	case ServiceHSS:
		return e.HSS
	case ServiceMetaStudio:
		return e.MetaStudio
	}
	return ""
}

// HuaweiTarget is where a Huawei call went; data sources use it for IDs.
type HuaweiTarget struct {
	Region    string
	ProjectID string
}

// regionsBySDK resolves a region through each service's own SDK table (SafeValueOf also
// consults the SDK's env and profile region providers), so the known-region list in an
// error is the SDK's, not ours.
var regionsBySDK = map[string]func(string) (*region.Region, error){
	ServiceHSS:        hssregion.SafeValueOf,
	ServiceMetaStudio: metastudioregion.SafeValueOf,
}

type huaweiClients struct {
	owner    *Client // for the call policy of IAM lookups
	cfg      Config
	credMu   sync.Mutex  // held while the credentials are resolved
	base     *huaweiBase // the resolved credentials, once found
	mu       sync.Mutex
	entries  map[string]*huaweiEntry
	projects map[string]*huaweiProject
}

// huaweiProject is one region's project ID, resolved once and shared by every service's
// client in that region, so concurrent first reads of HSS and MetaStudio make one IAM call.
type huaweiProject struct {
	mu sync.Mutex
	id string
}

// huaweiEntry holds one service's client for one region. Its own mutex makes concurrent
// first reads build it once, without holding up reads of other regions.
type huaweiEntry struct {
	mu     sync.Mutex
	client *core.HcHttpClient
	target HuaweiTarget
}

func newHuaweiClients(cfg Config) *huaweiClients {
	return &huaweiClients{cfg: cfg, entries: map[string]*huaweiEntry{}, projects: map[string]*huaweiProject{}}
}

// client returns the cached client for service in regionID ("" = the provider's region),
// building it on first use. A failed build is not cached: the next read tries again.
func (h *huaweiClients) client(ctx context.Context, service, regionID string) (*core.HcHttpClient, HuaweiTarget, error) {
	if regionID == "" {
		regionID = h.cfg.Huawei.Region
	}
	if regionID == "" {
		// A KooCLI profile's region fills an unset region.
		if b, err := h.resolve(ctx, ""); err == nil {
			regionID = b.region
		}
	}
	if regionID == "" {
		return nil, HuaweiTarget{}, &ConfigError{
			Summary: "Huawei Cloud region is not set",
			Detail: "Set region in the provider's huaweicloud block, the HW_REGION_NAME environment variable, " +
				"the region of the KooCLI profile in use, or the data source's region argument.",
		}
	}
	key := service + "/" + regionID
	h.mu.Lock()
	e, ok := h.entries[key]
	if !ok {
		e = &huaweiEntry{}
		h.entries[key] = e
	}
	p, ok := h.projects[regionID]
	if !ok {
		p = &huaweiProject{}
		h.projects[regionID] = p
	}
	h.mu.Unlock()

	e.mu.Lock()
	defer e.mu.Unlock()
	if e.client != nil {
		return e.client, e.target, nil
	}
	hc, target, err := h.build(ctx, service, regionID, p)
	if err != nil {
		return nil, HuaweiTarget{}, err
	}
	e.client, e.target = hc, target
	return hc, target, nil
}

func (h *huaweiClients) build(ctx context.Context, service, regionID string, project *huaweiProject) (*core.HcHttpClient, HuaweiTarget, error) {
	cfg := h.cfg.Huawei
	var reg *region.Region
	if override := cfg.Endpoints.forService(service); override != "" {
		reg = region.NewRegion(regionID, override)
	} else {
		var err error
		if reg, err = regionsBySDK[service](regionID); err != nil {
			return nil, HuaweiTarget{}, &ConfigError{
				Summary: fmt.Sprintf("Unknown Huawei Cloud region %q for %s", regionID, service),
				Detail: fmt.Sprintf("%s\n\nUse one of those regions, or set endpoints.%s in the huaweicloud block "+
					"to call a private or local endpoint.", err, strings.ToLower(service)),
			}
		}
	}

	cred, err := h.credentials(ctx, regionID)
	if err != nil {
		return nil, HuaweiTarget{}, err
	}

	httpConfig := config.DefaultHttpConfig().
		WithTimeout(h.cfg.RequestTimeout).
		WithIgnoreSSLVerification(h.cfg.Insecure)
	if h.cfg.UserAgent != "" {
		httpConfig = httpConfig.WithUserAgent(h.cfg.UserAgent)
	}

	// SafeBuild resolves the project ID through IAM when the credentials carry none; that
	// lookup is an API call like any other, so it gets the same retries and diagnostics.
	// The region's lock is held across it so that the region is resolved once.
	project.mu.Lock()
	defer project.mu.Unlock()
	if cred.ProjectId == "" {
		cred.ProjectId = project.id
	}
	op := Operation{Cloud: HuaweiCloud, Service: ServiceIAM, Action: "KeystoneListProjects", Region: regionID}
	hc, err := call(ctx, h.owner, op, classifyHuaweiBuild, func(ctx context.Context) (*core.HcHttpClient, error) {
		return withContext(ctx, core.NewHcHttpClientBuilder().
			WithRegion(reg).
			WithCredential(cred).
			WithHttpConfig(httpConfig).
			SafeBuild)
	})
	if err != nil {
		return nil, HuaweiTarget{}, err
	}
	if project.id == "" {
		project.id = cred.ProjectId
	}
	return hc, HuaweiTarget{Region: regionID, ProjectID: cred.ProjectId}, nil
}

// credentials returns fresh credentials for one region, copied from the ones resolved once
// per provider process: the SDK stores the resolved project ID in the credentials object,
// so regions must not share one.
func (h *huaweiClients) credentials(ctx context.Context, regionID string) (*auth.BasicCredentials, error) {
	cfg := h.cfg.Huawei
	base, err := h.resolve(ctx, regionID)
	if err != nil {
		return nil, err
	}
	cred := base.copyFor()
	// A configured project ID belongs to the provider-level region (a profile's to its
	// region); others resolve their own through IAM.
	providerRegion := cfg.Region
	if providerRegion == "" {
		providerRegion = base.region
	}
	switch {
	case cfg.ProjectID != "" && regionID == providerRegion:
		cred.ProjectId = cfg.ProjectID
	case cfg.ProjectID == "" && base.projectID != "" && regionID == base.region:
		cred.ProjectId = base.projectID
	}
	if cfg.Endpoints.IAM != "" {
		cred.IamEndpoint = cfg.Endpoints.IAM
	}
	return cred, nil
}

// classifyHuawei maps the SDK's errors onto APIError; throttling, 5xx and transport
// failures are transient, everything else is the caller's to fix.
func classifyHuawei(err error) (*APIError, bool) {
	var sre *sdkerr.ServiceResponseError
	if errors.As(err, &sre) {
		e := &APIError{HTTPStatus: sre.StatusCode, Code: sre.ErrorCode, Message: sre.ErrorMessage, RequestID: sre.RequestId}
		if sre.StatusCode < 300 {
			// A success the SDK could not decode: the body was garbled on its way, and a read
			// can safely ask again.
			e.Message = "the response body is not the documented JSON: " + sre.ErrorMessage
			return e, true
		}
		return e, sre.StatusCode == 429 || sre.StatusCode >= 500 || sre.ErrorCode == "APIGW.0308"
	}
	// A certificate that fails verification will fail the same way on every attempt.
	if asCertificateError(err) != nil {
		return &APIError{Err: err}, false
	}
	var connErr *sdkerr.ConnectionError
	var timeoutErr *sdkerr.RequestTimeoutError
	if errors.As(err, &connErr) || errors.As(err, &timeoutErr) {
		return &APIError{Err: err}, true
	}
	return &APIError{Err: err}, isTransient(err)
}

// classifyHuaweiBuild handles client-build errors. The SDK flattens the IAM project
// lookup's ServiceResponseError into text ("failed to get project id ...: {json}"), so the
// JSON is recovered here to keep status, code and request ID in the diagnostic.
func classifyHuaweiBuild(err error) (*APIError, bool) {
	if apiErr, retry := classifyHuawei(err); apiErr.HTTPStatus != 0 || retry {
		return apiErr, retry
	}
	msg := err.Error()
	if i := strings.Index(msg, "{"); i >= 0 {
		var sre sdkerr.ServiceResponseError
		if json.Unmarshal([]byte(msg[i:]), &sre) == nil && sre.StatusCode != 0 {
			return classifyHuawei(&sre)
		}
	}
	// Transport failures also arrive flattened; they are worth a retry.
	return &APIError{Err: err}, isTransient(err)
}

// callHuawei runs one API call of service with the shared policy; req is the SDK request,
// which also identifies the read for coalescing.
func callHuawei[Req, T any](ctx context.Context, c *Client, service, regionID, action string, req Req, fn func(*core.HcHttpClient, Req) (T, error)) (T, HuaweiTarget, error) {
	var zero T
	if c == nil {
		return zero, HuaweiTarget{}, errNotConfigured
	}
	hc, target, err := c.huawei.client(ctx, service, regionID)
	if err != nil {
		return zero, HuaweiTarget{}, err
	}
	op := Operation{
		Cloud: HuaweiCloud, Service: service, Action: action, Region: target.Region,
		Scope: target.ProjectID, Args: canonical(req), Account: c.huawei.account(),
	}
	out, err := do(ctx, c, op, classifyHuawei, func(ctx context.Context) (T, error) {
		return withContext(ctx, func() (T, error) { return fn(hc, req) })
	})
	return out, target, err
}

// CallHSS calls one HSS API with req in regionID ("" = the provider's region).
func CallHSS[Req, T any](ctx context.Context, c *Client, regionID, action string, req Req, fn func(*hss.HssClient, Req) (T, error)) (T, HuaweiTarget, error) {
	return callHuawei(ctx, c, ServiceHSS, regionID, action, req, func(hc *core.HcHttpClient, req Req) (T, error) {
		return fn(hss.NewHssClient(hc), req)
	})
}

// CallMetaStudio calls one MetaStudio API with req in regionID ("" = the provider's region).
func CallMetaStudio[Req, T any](ctx context.Context, c *Client, regionID, action string, req Req, fn func(*metastudio.MetaStudioClient, Req) (T, error)) (T, HuaweiTarget, error) {
	return callHuawei(ctx, c, ServiceMetaStudio, regionID, action, req, func(hc *core.HcHttpClient, req Req) (T, error) {
		return fn(metastudio.NewMetaStudioClient(hc), req)
	})
}
