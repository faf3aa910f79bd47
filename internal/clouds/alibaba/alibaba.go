// Package alibaba is Alibaba Cloud for the provider: the alicloud block (schema and its
// HCL/environment merge), the credential chain, one resolved SDK configuration per service
// and region, the classification of the SDK's errors, and Call, the one way an Alibaba
// service's data source calls its API through the shared policy (internal/conns).
package alibaba

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Name is the cloud's name as diagnostics show it.
const Name = "Alibaba Cloud"

// endpointSTS is the endpoints key of STS, which the credential chain calls.
const endpointSTS = "sts"

// Service is one Alibaba Cloud service's facts, declared once in its package's service.go
// and registered with Register: its endpoints attribute, API version, region table and rate
// limits come from here.
type Service struct {
	// Name is the service as diagnostics show it, e.g. "SAS".
	Name string
	// Title and Product name it in documentation and errors: "Security Center", "Sas".
	Title, Product string
	// Endpoint is its key in the alicloud block's endpoints attribute, e.g. "sas".
	Endpoint string
	// APIVersion is the OpenAPI version it is called with (RPC style), e.g. "2018-12-03".
	APIVersion string
	// Hosts is the documented endpoint host per region.
	Hosts map[string]string
	// Limits are the documented rate limits of its actions.
	Limits conns.Limits
	// FormBody sends the parameters as the POST form body, as the service's generated
	// client does (Quota Center); false sends them in the query.
	FormBody bool
	// Sites, set for a global service (BssOpenApi), maps each site of Alibaba Cloud to the
	// service's one host there: such a service is called with CallSite, at that host or its
	// endpoint override, without a region, so no region need be set or known.
	Sites map[string]string
}

// Regions lists the regions the service has a documented endpoint for.
func (s *Service) Regions() []string {
	out := make([]string, 0, len(s.Hosts))
	for r := range s.Hosts {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// services are the registered services.
var services conns.Registry[*Service]

// Register adds a service to the cloud (its endpoints attribute) and returns it; services
// call it from a package-level variable.
func Register(s *Service) *Service { return services.Add(s, s.Limits) }

// Services are the registered services.
func Services() []*Service { return services.All() }

// clients is the cloud's part of the provider data: its merged configuration, its
// credentials once resolved, and its SDK clients by service and region.
type clients struct {
	settings conns.Settings
	cfg      Config
	http     *http.Client
	mu       sync.Mutex
	// cred is the credential built once (lazily, at the first call) and shared by every
	// region; the SDK's providers refresh temporary credentials themselves.
	cred    credentials.Credential
	buildMu sync.Mutex // serialises the one credential build
	// configs holds one resolved SDK configuration per service and region. The SDK's Client
	// is not safe for concurrent calls (it keeps per-request state in its fields), so each
	// call builds a Client from the shared configuration: a handful of field copies.
	configs map[string]*openapi.Config
}

// daraHTTPClient hands the SDK's requests to our http.Client, so TLS, proxy and connection
// reuse are ours rather than a fresh transport per request.
type daraHTTPClient struct{ c *http.Client }

func (d daraHTTPClient) Call(r *http.Request, _ *http.Transport) (*http.Response, error) {
	return d.c.Do(r)
}

func newClients(settings conns.Settings, cfg Config) *clients {
	return &clients{
		settings: settings,
		cfg:      cfg,
		http:     &http.Client{Transport: conns.NewTransport(settings.Insecure)},
		configs:  map[string]*openapi.Config{},
	}
}

// key is this cloud's slot in the provider data (conns.Client).
type key struct{}

// Attach builds the cloud's client cache for cfg (no I/O) and attaches it to the policy.
func Attach(c *conns.Client, cfg Config) {
	c.Attach(key{}, newClients(c.Settings(), cfg), cfg.secrets()...)
}

// endpoint resolves the host and protocol svc is called at in regionID.
func endpoint(cfg Config, svc *Service, regionID string) (host, protocol string, err error) {
	if override := cfg.Endpoints[svc.Endpoint]; override != "" {
		u, err := url.Parse(override)
		if err != nil {
			return "", "", &conns.ConfigError{Summary: "Invalid Alibaba Cloud endpoint", Detail: err.Error()}
		}
		return u.Host, u.Scheme, nil
	}
	host, ok := svc.Hosts[regionID]
	if !ok {
		return "", "", &conns.ConfigError{
			Summary: fmt.Sprintf("Unknown Alibaba Cloud region %q for %s", regionID, svc.Name),
			Detail: fmt.Sprintf("%s has endpoints in these regions: %s.\n\n%sUse one of them, or set "+
				"endpoints.%s in the alicloud block to call a private or local endpoint.",
				svc.Title, strings.Join(svc.Regions(), ", "), attrs.Suggest(regionID, svc.Regions()), svc.Endpoint),
		}
	}
	return host, "https", nil
}

// client returns a client for regionID ("" = the provider's region). The configuration is
// resolved once per region; a failed resolution is not cached.
func (a *clients) client(ctx context.Context, svc *Service, regionID string) (*openapi.Client, string, error) {
	cfg := a.cfg
	if regionID == "" {
		regionID = cfg.Region
	}
	c, err := a.cached(svc.Name+"/"+regionID, func() (*openapi.Config, error) { return a.resolve(ctx, svc, regionID) })
	return c, regionID, err
}

// cached builds a client from the configuration kept under key, resolving it on first
// use; a failed resolution is not kept.
func (a *clients) cached(key string, resolve func() (*openapi.Config, error)) (*openapi.Client, error) {
	a.mu.Lock()
	oc, ok := a.configs[key]
	a.mu.Unlock()
	if !ok {
		var err error
		if oc, err = resolve(); err != nil {
			return nil, err
		}
		a.mu.Lock()
		a.configs[key] = oc
		a.mu.Unlock()
	}
	c, err := openapi.NewClient(oc)
	if err != nil {
		return nil, &conns.ConfigError{Summary: "Invalid Alibaba Cloud configuration", Detail: err.Error()}
	}
	// The SDK's own error types keep status, code and request ID as fields; its default
	// wrapping flattens them into text.
	c.DisableSDKError = dara.Bool(true)
	return c, nil
}

func (a *clients) resolve(ctx context.Context, svc *Service, regionID string) (*openapi.Config, error) {
	cred, err := a.credentials(ctx)
	if err != nil {
		return nil, err
	}
	if regionID == "" {
		return nil, &conns.ConfigError{
			Summary: "Alibaba Cloud region is not set",
			Detail: "Set region in the provider's alicloud block, the ALICLOUD_REGION (or ALIBABA_CLOUD_REGION_ID) " +
				"environment variable, or the data source's region argument.",
		}
	}
	host, protocol, err := endpoint(a.cfg, svc, regionID)
	if err != nil {
		return nil, err
	}
	return a.config(cred, host, protocol, regionID), nil
}

// resolveSite is resolve for a global service at site: its override, else the site's
// host, and no region.
func (a *clients) resolveSite(ctx context.Context, svc *Service, site string) (*openapi.Config, error) {
	cred, err := a.credentials(ctx)
	if err != nil {
		return nil, err
	}
	host, protocol := svc.Sites[site], "https"
	if override := a.cfg.Endpoints[svc.Endpoint]; override != "" {
		u, err := url.Parse(override)
		if err != nil {
			return nil, &conns.ConfigError{Summary: "Invalid Alibaba Cloud endpoint", Detail: err.Error()}
		}
		host, protocol = u.Host, u.Scheme
	} else if host == "" { // the data source's validator allows only the service's sites
		return nil, &conns.ConfigError{Summary: fmt.Sprintf("Unknown Alibaba Cloud site %q for %s", site, svc.Name)}
	}
	return a.config(cred, host, protocol, ""), nil
}

// config is the SDK configuration for host over protocol; regionID "" sets none.
func (a *clients) config(cred credentials.Credential, host, protocol, regionID string) *openapi.Config {
	timeoutMS := int(a.settings.RequestTimeout.Milliseconds())
	oc := &openapi.Config{
		Credential:     cred,
		Endpoint:       dara.String(host),
		Protocol:       dara.String(protocol),
		ReadTimeout:    dara.Int(timeoutMS),
		ConnectTimeout: dara.Int(timeoutMS),
		HttpClient:     daraHTTPClient{a.http},
		// Retries are ours (call), with one budget for every cloud.
		RetryOptions: &dara.RetryOptions{Retryable: false},
	}
	if regionID != "" {
		oc.RegionId = dara.String(regionID)
	}
	if a.settings.UserAgent != "" {
		oc.UserAgent = dara.String(a.settings.UserAgent)
	}
	return oc
}

// RPCParams are the parameters of an RPC-style action as Alibaba's generated clients send
// it (HTTPS POST of a form, signed with the access key); bodyType is how the SDK hands over
// the answer ("json", or "string" as sent).
func RPCParams(action, version, bodyType string) *openapi.Params {
	return &openapi.Params{
		Action:      dara.String(action),
		Version:     dara.String(version),
		Protocol:    dara.String("HTTPS"),
		Pathname:    dara.String("/"),
		Method:      dara.String("POST"),
		AuthType:    dara.String("AK"),
		Style:       dara.String("RPC"),
		ReqBodyType: dara.String("formData"),
		BodyType:    dara.String(bodyType),
	}
}

// Call runs one action of svc in regionID ("" = the provider's region) with the shared
// policy: req is the query, and newResponse gives the value its JSON body is decoded into.
// It returns where the call went.
func Call[T any](ctx context.Context, c *conns.Client, svc *Service, regionID, action string, req map[string]string, newResponse func() T) (T, conns.Target, error) {
	var zero T
	a, ok := c.Cloud(key{}).(*clients)
	if !ok {
		return zero, conns.Target{}, conns.ErrNotConfigured
	}
	client, region, err := a.client(ctx, svc, regionID)
	if err != nil {
		return zero, conns.Target{}, err
	}
	op := conns.Operation{Cloud: Name, Service: svc.Name, Action: action, Region: region}
	if host, protocol, err := endpoint(a.cfg, svc, region); err == nil {
		op.Endpoint = protocol + "://" + host
	}
	out, err := send(ctx, c, a, client, svc, op, req, newResponse)
	return out, conns.Target{Region: region}, err
}

// CallSite runs one action of svc, a global service (Service.Sites), at site with the
// shared policy, as Call does. No region is sent or checked: the returned target's region
// is only the one the read was configured with (regionID, else the provider's), if any.
func CallSite[T any](ctx context.Context, c *conns.Client, svc *Service, regionID, site, action string, req map[string]string, newResponse func() T) (T, conns.Target, error) {
	var zero T
	a, ok := c.Cloud(key{}).(*clients)
	if !ok {
		return zero, conns.Target{}, conns.ErrNotConfigured
	}
	client, err := a.cached(svc.Name+"@"+site, func() (*openapi.Config, error) { return a.resolveSite(ctx, svc, site) })
	if err != nil {
		return zero, conns.Target{}, err
	}
	if regionID == "" {
		regionID = a.cfg.Region
	}
	op := conns.Operation{Cloud: Name, Service: svc.Name, Action: action, Scope: "site " + site,
		Endpoint: "https://" + svc.Sites[site]}
	if override := a.cfg.Endpoints[svc.Endpoint]; override != "" {
		op.Endpoint = override
	}
	out, err := send(ctx, c, a, client, svc, op, req, newResponse)
	return out, conns.Target{Region: regionID}, err
}

// send completes op and runs it through the shared policy with client.
func send[T any](ctx context.Context, c *conns.Client, a *clients, client *openapi.Client, svc *Service, op conns.Operation, req map[string]string, newResponse func() T) (T, error) {
	var zero T
	// "string" hands over the body as sent, so numbers are decoded exactly, by us.
	params := RPCParams(op.Action, svc.APIVersion, "string")
	q := make(map[string]*string, len(req))
	for k, v := range req {
		q[k] = dara.String(v)
	}
	request := &openapi.OpenApiRequest{Query: q}
	if svc.FormBody {
		form := make(map[string]any, len(req))
		for k, v := range req {
			form[k] = v
		}
		request = &openapi.OpenApiRequest{Body: form}
	}
	// TLS is our transport's (conns.NewTransport); the SDK's IgnoreSSL would only shape a
	// transport our HTTP client does not use.
	runtime := &dara.RuntimeOptions{}
	op.Args, op.Limit, op.Account = conns.Canonical(req), svc.Limits.For(op.Action), a.account()
	return conns.Do(ctx, c, op, classify, func(ctx context.Context) (T, error) {
		res, err := client.CallApiWithCtx(ctx, params, request, runtime)
		if err != nil {
			return zero, err
		}
		out := newResponse()
		if err := decodeBody(res, out); err != nil {
			return zero, err
		}
		return out, nil
	})
}

// decodeBody decodes a successful answer; a body that is not the documented JSON is an
// APIError like any other, with the request ID from the response headers.
func decodeBody(res map[string]any, out any) error {
	body, _ := res["body"].(string)
	if err := json.Unmarshal([]byte(body), out); err != nil {
		e := &conns.APIError{HTTPStatus: http.StatusOK, Message: "the response body is not the documented JSON: " + err.Error()}
		// The SDK converts the response through JSON: the status is a json.Number and the
		// headers a map[string]any, whatever their Go types were before.
		if n, err := strconv.Atoi(fmt.Sprint(res["statusCode"])); err == nil && n != 0 {
			e.HTTPStatus = n
		}
		if headers, ok := res["headers"].(map[string]any); ok {
			e.RequestID, _ = headers["x-acs-request-id"].(string)
		}
		return e
	}
	return nil
}

// Region is the region a call with regionID ("" = the provider's region) goes to, for
// requests that name their region in a parameter; "" when neither is set (the call then
// fails, naming what to set).
func Region(c *conns.Client, regionID string) string {
	if regionID != "" {
		return regionID
	}
	if a, ok := c.Cloud(key{}).(*clients); ok {
		return a.cfg.Region
	}
	return ""
}
