// Package huawei is Huawei Cloud for the provider: the huaweicloud block (schema and its
// HCL/environment merge), the credential chain, one SDK client per service and region built
// on first use, the classification of the SDK's errors, and Call, the one way a Huawei
// service's data source calls its API through the shared policy (internal/conns).
package huawei

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Name is the cloud's name as diagnostics show it.
const Name = "Huawei Cloud"

// serviceIAM is the identity service the credential chain calls (project lookup, agencies,
// OIDC); endpointIAM is its key in the endpoints attribute.
const (
	serviceIAM  = "IAM"
	endpointIAM = "iam"
)

// Service is one Huawei Cloud service's facts, declared once in its package's service.go
// and registered with Register: its endpoints attribute, region table and rate limits come
// from here.
type Service struct {
	// Name is the service as diagnostics show it, e.g. "HSS".
	Name string
	// Endpoint is its key in the huaweicloud block's endpoints attribute, e.g. "hss".
	Endpoint string
	// Regions resolves a region through the service's own SDK table (SafeValueOf also
	// consults the SDK's env and profile region providers), so the known-region list in an
	// error is the SDK's, not ours.
	Regions func(string) (*region.Region, error)
	// Limits are the documented rate limits of its actions.
	Limits conns.Limits
	// Global marks a global service (billing): one endpoint per site of the account instead
	// of one per region, called with the account's global credentials (the domain, from
	// domain_id or resolved through IAM as the SDK does) instead of a project. Its region,
	// checked against Regions as for any service, chooses the IAM endpoint of that lookup
	// and names the read; each call names its site's endpoint with At.
	Global bool
	// host is a global service's endpoint for one call (At); endpoints.<Endpoint> wins.
	host string
}

// At is the global service s at host, its endpoint on one site of the account (such as
// https://bss-intl.myhuaweicloud.com); an endpoints override still wins.
func (s *Service) At(host string) *Service {
	c := *s
	c.host = host
	return &c
}

// services are the registered services.
var services conns.Registry[*Service]

// Register adds a service to the cloud (its endpoints attribute) and returns it; services
// call it from a package-level variable.
func Register(s *Service) *Service { return services.Add(s, s.Limits) }

// Services are the registered services.
func Services() []*Service { return services.All() }

// key is this cloud's slot in the provider data (conns.Client).
type key struct{}

// Attach builds the cloud's client cache for cfg (no I/O) and attaches it to the policy.
func Attach(c *conns.Client, cfg Config) {
	c.Attach(key{}, newClients(c, cfg), cfg.secrets()...)
}

// ConfigOf is the merged huaweicloud configuration attached to c; zero when there is none.
func ConfigOf(c *conns.Client) Config {
	if h, ok := c.Cloud(key{}).(*clients); ok {
		return h.cfg
	}
	return Config{}
}

// clients is the cloud's part of the provider data: its merged configuration, its
// credentials once resolved, and its SDK clients by service and region.
type clients struct {
	// policy is the shared call policy, for the IAM calls of the credential chain.
	policy   *conns.Client
	settings conns.Settings
	cfg      Config
	credMu   sync.Mutex  // held while the credentials are resolved
	base     *huaweiBase // the resolved credentials, once found
	mu       sync.Mutex
	entries  map[string]*huaweiEntry
	projects map[string]*huaweiProject
	// domain is the account's domain ID for global services, resolved once.
	domain huaweiProject
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
	mu       sync.Mutex
	client   *core.HcHttpClient
	target   conns.Target
	endpoint string // where its calls go: a budget is kept per endpoint
}

func newClients(policy *conns.Client, cfg Config) *clients {
	return &clients{policy: policy, settings: policy.Settings(), cfg: cfg, entries: map[string]*huaweiEntry{}, projects: map[string]*huaweiProject{}}
}

// client returns the cached client for service in regionID ("" = the provider's region), and
// the endpoint it calls, building it on first use. A failed build is not cached: the next read
// tries again.
func (h *clients) client(ctx context.Context, svc *Service, regionID string) (*core.HcHttpClient, conns.Target, string, error) {
	if regionID == "" {
		regionID = h.cfg.Region
	}
	if regionID == "" {
		// A KooCLI profile's region fills an unset region.
		if b, err := h.resolve(ctx, ""); err == nil {
			regionID = b.region
		}
	}
	if regionID == "" {
		return nil, conns.Target{}, "", &conns.ConfigError{
			Summary: "Huawei Cloud region is not set",
			Detail: "Set region in the provider's huaweicloud block, the HW_REGION_NAME environment variable, " +
				"the region of the KooCLI profile in use, or the data source's region argument.",
		}
	}
	key := svc.Name + "/" + regionID + "/" + svc.host
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
		return e.client, e.target, e.endpoint, nil
	}
	build := h.build
	if svc.Global {
		build = h.buildGlobal
	}
	hc, target, err := build(ctx, svc, regionID, p)
	if err != nil {
		return nil, conns.Target{}, "", err
	}
	e.client, e.target, e.endpoint = hc, target, h.endpoint(svc, regionID)
	return hc, target, e.endpoint, nil
}

// region is svc's endpoint in regionID: the endpoints override, else the service's SDK
// region table (which also checks the region).
func (h *clients) region(svc *Service, regionID string) (*region.Region, error) {
	if override := h.cfg.Endpoints[svc.Endpoint]; override != "" {
		return region.NewRegion(regionID, override), nil
	}
	reg, err := svc.Regions(regionID)
	if err != nil {
		return nil, &conns.ConfigError{
			Summary: fmt.Sprintf("Unknown Huawei Cloud region %q for %s", regionID, svc.Name),
			Detail: fmt.Sprintf("%s\n\n%sUse one of those regions, or set endpoints.%s in the huaweicloud block "+
				"to call a private or local endpoint.", err, attrs.Suggest(regionID, knownRegions(svc)), svc.Endpoint),
		}
	}
	return reg, nil
}

func (h *clients) build(ctx context.Context, svc *Service, regionID string, project *huaweiProject) (*core.HcHttpClient, conns.Target, error) {
	reg, err := h.region(svc, regionID)
	if err != nil {
		return nil, conns.Target{}, err
	}

	cred, err := h.credentials(ctx, regionID)
	if err != nil {
		return nil, conns.Target{}, err
	}

	// SafeBuild resolves the project ID through IAM when the credentials carry none; that
	// lookup is an API call like any other, so it gets the same retries and diagnostics.
	// The region's lock is held across it so that the region is resolved once.
	project.mu.Lock()
	defer project.mu.Unlock()
	if cred.ProjectId == "" {
		cred.ProjectId = project.id
	}
	op := conns.Operation{Cloud: Name, Service: serviceIAM, Action: "KeystoneListProjects", Region: regionID,
		Endpoint: cred.IamEndpoint}
	hc, err := conns.Retry(ctx, h.policy, op, classifyBuild, func(ctx context.Context) (*core.HcHttpClient, error) {
		return conns.WithContext(ctx, core.NewHcHttpClientBuilder().
			WithRegion(reg).
			WithCredential(cred).
			WithHttpConfig(h.httpConfig()).
			SafeBuild)
	})
	if err != nil {
		var apiErr *conns.APIError
		if errors.As(err, &apiErr) && apiErr.OmitStatus {
			// No project of that name: a misspelt region, whose nearest known one helps.
			apiErr.Hint = attrs.Suggest(regionID, knownRegions(svc)) + apiErr.Hint
		}
		return nil, conns.Target{}, err
	}
	if project.id == "" {
		project.id = cred.ProjectId
	}
	return hc, conns.Target{Region: regionID, Project: cred.ProjectId}, nil
}

// sdkRegionList is the list in the SDK's refusal of an unknown region ("... supported
// regions of service 'HSS': [af-south-1, ...]"): the service's own table.
var sdkRegionList = regexp.MustCompile(`\[([^\]]*)\]\s*$`)

// knownRegions are the regions of svc's SDK table.
func knownRegions(svc *Service) []string {
	_, err := svc.Regions("\x00")
	if err == nil {
		return nil
	}
	m := sdkRegionList.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	return strings.Split(m[1], ", ")
}

// buildGlobal builds a global service's client: its site's endpoint (At), or the endpoints
// override, under the name of regionID, so that the SDK's domain lookup goes to that
// region's IAM (or endpoints.iam). The SDK resolves the domain ID through IAM
// (KeystoneListAuthDomains) when domain_id is unset; it is resolved once per provider run.
func (h *clients) buildGlobal(ctx context.Context, svc *Service, regionID string, _ *huaweiProject) (*core.HcHttpClient, conns.Target, error) {
	reg, err := h.region(svc, regionID)
	if err != nil {
		return nil, conns.Target{}, err
	}
	if h.cfg.Endpoints[svc.Endpoint] == "" && svc.host != "" {
		reg = region.NewRegion(regionID, svc.host)
	}
	base, err := h.credentials(ctx, regionID)
	if err != nil {
		return nil, conns.Target{}, err
	}
	h.domain.mu.Lock()
	defer h.domain.mu.Unlock()
	cred := &auth.GlobalCredentials{BaseCredentials: base.BaseCredentials, DomainId: h.cfg.DomainID}
	if cred.DomainId == "" {
		cred.DomainId = h.domain.id
	}
	op := conns.Operation{Cloud: Name, Service: serviceIAM, Action: "KeystoneListAuthDomains", Region: regionID,
		Endpoint: base.IamEndpoint}
	hc, err := conns.Retry(ctx, h.policy, op, classifyBuild, func(ctx context.Context) (*core.HcHttpClient, error) {
		return conns.WithContext(ctx, core.NewHcHttpClientBuilder().
			WithRegion(reg).
			WithCredentialsType("global.Credentials").
			WithCredential(cred).
			WithHttpConfig(h.httpConfig()).
			SafeBuild)
	})
	if err != nil {
		return nil, conns.Target{}, err
	}
	h.domain.id = cred.DomainId
	return hc, conns.Target{Region: regionID, Project: cred.DomainId}, nil
}

// credentials returns fresh credentials for one region, copied from the ones resolved once
// per provider process: the SDK stores the resolved project ID in the credentials object,
// so regions must not share one.
func (h *clients) credentials(ctx context.Context, regionID string) (*auth.BasicCredentials, error) {
	cfg := h.cfg
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
	if ep := cfg.Endpoints[endpointIAM]; ep != "" {
		cred.IamEndpoint = ep
	}
	return cred, nil
}

// endpoint is where svc's calls in regionID go: the override, else the SDK's regional one.
func (h *clients) endpoint(svc *Service, regionID string) string {
	if ep := h.cfg.Endpoints[svc.Endpoint]; ep != "" {
		return ep
	}
	if svc.host != "" { // a global service's site
		return svc.host
	}
	if reg, err := svc.Regions(regionID); err == nil && len(reg.Endpoints) > 0 {
		return reg.Endpoints[0]
	}
	return ""
}

// Call runs one action of svc in regionID ("" = the provider's region) with the shared
// policy: fn is the SDK method, given the region's client and req, which also identifies
// the read for coalescing. It returns where the call went.
func Call[Req, T any](ctx context.Context, c *conns.Client, svc *Service, regionID, action string, req Req, fn func(*core.HcHttpClient, Req) (T, error)) (T, conns.Target, error) {
	var zero T
	h, ok := c.Cloud(key{}).(*clients)
	if !ok {
		return zero, conns.Target{}, conns.ErrNotConfigured
	}
	hc, target, endpoint, err := h.client(ctx, svc, regionID)
	if err != nil {
		return zero, conns.Target{}, err
	}
	op := conns.Operation{
		Cloud: Name, Service: svc.Name, Action: action, Region: target.Region,
		Scope: target.Project, Args: conns.Canonical(req), Limit: svc.Limits.For(action), Account: h.account(),
		Endpoint: endpoint,
	}
	out, err := conns.Do(ctx, c, op, classify, func(ctx context.Context) (T, error) {
		return conns.WithContext(ctx, func() (T, error) { return fn(hc, req) })
	})
	return out, target, err
}
