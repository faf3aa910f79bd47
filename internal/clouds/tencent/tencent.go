// Package tencent is Tencent Cloud for the provider: the tencentcloud block (schema and its
// HCL/environment merge), the credential chain, one SDK common client per service and region
// built on first use, the classification of the SDK's errors, and Call, the one way a Tencent
// service's data source calls its API through the shared policy (internal/conns).
package tencent

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	tc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	tcregions "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/regions"
)

// Name is the cloud's name as diagnostics show it.
const Name = "Tencent Cloud"

// endpointSTS is the endpoints key of STS, which the credential chain calls.
const endpointSTS = "sts"

// Service is one Tencent Cloud service's facts, declared once in its package's service.go
// and registered with Register: its endpoints attribute, API version and rate limits come
// from here.
type Service struct {
	// Name is the service as diagnostics show it, e.g. "TCSS"; its lower case is the API's
	// service code and host (tcss.tencentcloudapi.com).
	Name string
	// Endpoint is its key in the tencentcloud block's endpoints attribute, e.g. "tcss".
	Endpoint string
	// APIVersion is the API version the data sources call, e.g. "2020-11-01".
	APIVersion string
	// Limits are the documented rate limits of its actions.
	Limits conns.Limits
	// Sites, set for a global service (billing), maps each site of Tencent Cloud to the
	// service's one host there: such a service is called with CallSite, at that host or
	// its endpoint override, without a region (its API reference says Region is not
	// required), so no region need be set or known.
	Sites map[string]string
}

// services are the registered services.
var services conns.Registry[*Service]

// Register adds a service to the cloud (its endpoints attribute) and returns it; services
// call it from a package-level variable.
func Register(s *Service) *Service { return services.Add(s, s.Limits) }

// Services are the registered services.
func Services() []*Service { return services.All() }

// Regions are the regions the Tencent Cloud SDK names (its regions package), which
// an unknown region's error lists.
var Regions = []string{
	tcregions.Bangkok, tcregions.Beijing, tcregions.Chengdu, tcregions.Chongqing, tcregions.Guangzhou,
	tcregions.GuangzhouOpen, tcregions.HongKong, tcregions.Jakarta, tcregions.Mumbai, tcregions.Seoul,
	tcregions.Shanghai, tcregions.Nanjing, tcregions.ShanghaiFSI, tcregions.ShenzhenFSI, tcregions.Singapore,
	tcregions.Tokyo, tcregions.Frankfurt, tcregions.Moscow, tcregions.Ashburn, tcregions.SiliconValley,
	tcregions.Toronto, tcregions.SaoPaulo,
}

// clients is the cloud's part of the provider data: its merged configuration, its
// credentials once resolved, and its SDK clients by service and region.
type clients struct {
	settings conns.Settings
	cfg      Config
	// transport is shared by every region's client: Tencent serves all regions of a service
	// on one domain (the region is a header), so reads in many regions reuse the same
	// connections and TLS sessions instead of opening and keeping a pool per region.
	transport http.RoundTripper
	mu        sync.Mutex
	entries   map[string]*tencentEntry

	// credMu guards the credentials, built once per provider process on first use (a failed
	// build is not kept); the SDK's credential types refresh temporary ones themselves.
	credMu sync.Mutex
	cred   tc.CredentialIface
	// profileRegion is the region of the tccli profile the credentials came from, if any.
	profileRegion string
}

type tencentEntry struct {
	mu     sync.Mutex
	client *tc.Client
}

func newClients(settings conns.Settings, cfg Config) *clients {
	return &clients{settings: settings, cfg: cfg, transport: conns.NewTransport(settings.Insecure), entries: map[string]*tencentEntry{}}
}

// key is this cloud's slot in the provider data (conns.Client).
type key struct{}

// Attach builds the cloud's client cache for cfg (no I/O) and attaches it to the policy.
func Attach(c *conns.Client, cfg Config) {
	c.Attach(key{}, newClients(c.Settings(), cfg), cfg.secrets()...)
}

// client returns the cached client for regionID ("" = the provider's region), building it
// on first use. A failed build is not cached.
func (t *clients) client(ctx context.Context, svc *Service, regionID string) (*tc.Client, string, error) {
	cfg := t.cfg
	// Credentials are checked first: an unconfigured cloud should say so, not ask for a region.
	cred, profileRegion, err := t.credentials(ctx)
	if err != nil {
		return nil, "", err
	}
	regionID = firstOf(regionID, cfg.Region, profileRegion)
	if regionID == "" {
		return nil, "", &conns.ConfigError{
			Summary: "Tencent Cloud region is not set",
			Detail: "Set region in the provider's tencentcloud block, the TENCENTCLOUD_REGION environment " +
				"variable, or the data source's region argument (or use a tccli profile whose .configure " +
				"file names one).",
		}
	}
	override := cfg.Endpoints[svc.Endpoint]
	if override == "" && !slices.Contains(Regions, regionID) {
		return nil, "", &conns.ConfigError{
			Summary: fmt.Sprintf("Unknown Tencent Cloud region %q for %s", regionID, svc.Name),
			Detail: fmt.Sprintf("The Tencent Cloud SDK knows these regions: %s.\n\n%sUse one of them, or set "+
				"endpoints.%s in the tencentcloud block to call a private or local endpoint.",
				strings.Join(Regions, ", "), attrs.Suggest(regionID, Regions), svc.Endpoint),
		}
	}

	c, err := t.cached(svc.Name+"/"+regionID, cred, regionID, override)
	return c, regionID, err
}

// siteClient returns the cached client of a global service at site: its override, else
// the site's host; no region is sent.
// It also returns the region of the tccli profile the credentials came from, if any.
func (t *clients) siteClient(ctx context.Context, svc *Service, site string) (*tc.Client, string, error) {
	cred, profileRegion, err := t.credentials(ctx)
	if err != nil {
		return nil, "", err
	}
	if _, ok := svc.Sites[site]; !ok { // the data source's validator allows only the service's sites
		return nil, "", &conns.ConfigError{Summary: fmt.Sprintf("Unknown Tencent Cloud site %q for %s", site, svc.Name)}
	}
	c, err := t.cached(svc.Name+"@"+site, cred, "", t.siteEndpoint(svc, site))
	return c, profileRegion, err
}

// firstOf is the first of values that is set.
func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// cached returns the client kept under key, building it on first use for regionID ("" =
// none sent) at endpoint ("" = the SDK's host for the service). A failed build is not kept.
func (t *clients) cached(key string, cred tc.CredentialIface, regionID, override string) (*tc.Client, error) {
	t.mu.Lock()
	e, ok := t.entries[key]
	if !ok {
		e = &tencentEntry{}
		t.entries[key] = e
	}
	t.mu.Unlock()

	e.mu.Lock()
	defer e.mu.Unlock()
	if e.client != nil {
		return e.client, nil
	}
	prof := profile.NewClientProfile()
	prof.HttpProfile.ReqMethod = http.MethodPost
	// Each attempt's context carries request_timeout; the SDK's own client timeout (whole
	// seconds) must not cut it shorter.
	prof.HttpProfile.ReqTimeout = int(math.Ceil(t.settings.RequestTimeout.Seconds()))
	// Retries are ours (call), with jitter and one budget for every cloud; the SDK's own
	// would multiply attempts. The region breaker would switch to a backup domain, which an
	// endpoint override must never do.
	prof.NetworkFailureMaxRetries = 0
	prof.RateLimitExceededMaxRetries = 0
	prof.DisableRegionBreaker = true
	if override != "" {
		u, err := url.Parse(override)
		if err != nil {
			return nil, &conns.ConfigError{Summary: "Invalid Tencent Cloud endpoint", Detail: err.Error()}
		}
		prof.HttpProfile.Scheme = strings.ToUpper(u.Scheme)
		prof.HttpProfile.Endpoint = u.Host + strings.TrimSuffix(u.Path, "/")
	}
	c := tc.NewCommonClient(cred, regionID, prof)
	c.WithHttpTransport(t.transport)
	if t.settings.UserAgent != "" {
		c.WithRequestClient(requestClient(t.settings.UserAgent))
	}
	e.client = c
	return c, nil
}

// requestClient fits the user agent to the SDK's X-TC-RequestClient alphabet
// ([0-9a-zA-Z-_ ,;.]); the SDK drops, and logs, any value outside it.
func requestClient(ua string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', strings.ContainsRune("-_ ,;.", r):
			return r
		}
		return '_'
	}, ua)
}

// endpoint is where svc's calls go: the override, else the SDK's default host, which serves
// every region.
// siteEndpoint is the URL a global service is called at for site: its override, else the
// site's host.
func (t *clients) siteEndpoint(svc *Service, site string) string {
	if ep := t.cfg.Endpoints[svc.Endpoint]; ep != "" {
		return ep
	}
	return "https://" + svc.Sites[site]
}

func (t *clients) endpoint(svc *Service) string {
	if ep := t.cfg.Endpoints[svc.Endpoint]; ep != "" {
		return ep
	}
	return "https://" + strings.ToLower(svc.Name) + ".tencentcloudapi.com"
}

// Call runs one action of svc in regionID ("" = the provider's region) with the shared
// policy: req is the action's parameters, the SDK's typed request (such as
// *cvm.DescribeAccountQuotaRequest) or a map, and newResponse gives the value its answer is
// decoded into (the SDK's typed response). It returns where the call went.
func Call[T tchttp.Response](ctx context.Context, c *conns.Client, svc *Service, regionID, action string, req any, newResponse func() T) (T, conns.Target, error) {
	var zero T
	t, ok := c.Cloud(key{}).(*clients)
	if !ok {
		return zero, conns.Target{}, conns.ErrNotConfigured
	}
	client, region, err := t.client(ctx, svc, regionID)
	if err != nil {
		return zero, conns.Target{}, err
	}
	op := conns.Operation{Cloud: Name, Service: svc.Name, Action: action, Region: region, Endpoint: t.endpoint(svc)}
	out, err := send(ctx, c, t, client, svc, op, req, newResponse)
	return out, conns.Target{Region: region}, err
}

// CallSite runs one action of svc, a global service (Service.Sites), at site with the
// shared policy, as Call does. No region is sent or checked: the returned target's region
// is only the one the read was configured with (regionID, else the provider's), if any.
func CallSite[T tchttp.Response](ctx context.Context, c *conns.Client, svc *Service, regionID, site, action string, req map[string]any, newResponse func() T) (T, conns.Target, error) {
	var zero T
	t, ok := c.Cloud(key{}).(*clients)
	if !ok {
		return zero, conns.Target{}, conns.ErrNotConfigured
	}
	client, profileRegion, err := t.siteClient(ctx, svc, site)
	if err != nil {
		return zero, conns.Target{}, err
	}
	op := conns.Operation{Cloud: Name, Service: svc.Name, Action: action, Scope: "site " + site,
		Endpoint: t.siteEndpoint(svc, site)}
	out, err := send(ctx, c, t, client, svc, op, req, newResponse)
	return out, conns.Target{Region: firstOf(regionID, t.cfg.Region, profileRegion)}, err
}

// send completes op and runs it through the shared policy with client.
func send[T tchttp.Response](ctx context.Context, c *conns.Client, t *clients, client *tc.Client, svc *Service, op conns.Operation, req any, newResponse func() T) (T, error) {
	var zero T
	op.Args, op.Limit, op.Account = conns.Canonical(req), svc.Limits.For(op.Action), t.account()
	return conns.Do(ctx, c, op, classify, func(ctx context.Context) (T, error) {
		r := tchttp.NewCommonRequest(strings.ToLower(svc.Name), svc.APIVersion, op.Action)
		body, err := actionParameters(req)
		if err != nil {
			return zero, err
		}
		if err := r.SetActionParameters(body); err != nil {
			return zero, err
		}
		ctx, withStatus := conns.RecordStatus(ctx)
		r.SetContext(ctx)
		resp := newResponse()
		if err := client.Send(r, resp); err != nil {
			return zero, withStatus(err)
		}
		return resp, nil
	})
}

// actionParameters is req as the common request takes it: a map as it is, and anything
// else (the SDK's typed requests) as its JSON, which is the body the SDK's typed client
// sends for it (the embedded BaseRequest has no exported fields).
func actionParameters(req any) (any, error) {
	switch req := req.(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		return req, nil
	}
	b, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encoding the request: %w", err)
	}
	return b, nil
}
