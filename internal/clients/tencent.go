package clients

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	tc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	tcregions "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/regions"
)

// TencentCloud is the cloud's name as diagnostics show it.
const TencentCloud = "Tencent Cloud"

// ServiceTCSS is Tencent Container Security Service; the name is also the API's service code.
const ServiceTCSS = "TCSS"

// TencentConfig is the tencentcloud block after HCL and environment are merged.
type TencentConfig struct {
	Region        string
	SecretID      string
	SecretKey     string
	SecurityToken string
	// Profile is the tccli profile named in HCL or TENCENTCLOUD_PROFILE; "" = none named
	// ("default" is then read only as an SDK default, rung 4).
	Profile string
	// SharedCredentialsDir is the tccli directory set in HCL or
	// TENCENTCLOUD_SHARED_CREDENTIALS_DIR; "" = ~/.tccli.
	SharedCredentialsDir string
	// AssumeRole, when not nil, assumes a role on top of the base credentials.
	AssumeRole *TencentAssumeRole
	// OIDC, when not nil, exchanges a web identity token for the base credentials.
	OIDC      *TencentOIDC
	Endpoints TencentEndpoints
}

// TencentAssumeRole is the assume_role block merged with its environment variables.
type TencentAssumeRole struct {
	RoleArn     string
	SessionName string
	// Duration is a Go duration, or whole seconds from the environment; "" = 2h.
	Duration string
}

// TencentOIDC is the assume_role_with_oidc block merged with its environment variables.
type TencentOIDC struct {
	ProviderID  string
	RoleArn     string
	SessionName string
	Duration    string
	TokenFile   string
	Token       string
}

// secrets are the settings that logs must never show.
func (c TencentConfig) secrets() []string {
	s := []string{c.SecretKey, c.SecurityToken}
	if c.OIDC != nil {
		s = append(s, c.OIDC.Token)
	}
	return s
}

// TencentEndpoints are full URLs that replace the SDK's endpoints.
type TencentEndpoints struct {
	TCSS string
	// STS is an https URL without path; the SDK's STS providers take its host.
	STS string
}

// TencentRegions are the regions the Tencent Cloud SDK names (its regions package), which
// an unknown region's error lists.
var TencentRegions = []string{
	tcregions.Bangkok, tcregions.Beijing, tcregions.Chengdu, tcregions.Chongqing, tcregions.Guangzhou,
	tcregions.GuangzhouOpen, tcregions.HongKong, tcregions.Jakarta, tcregions.Mumbai, tcregions.Seoul,
	tcregions.Shanghai, tcregions.Nanjing, tcregions.ShanghaiFSI, tcregions.ShenzhenFSI, tcregions.Singapore,
	tcregions.Tokyo, tcregions.Frankfurt, tcregions.Moscow, tcregions.Ashburn, tcregions.SiliconValley,
	tcregions.Toronto, tcregions.SaoPaulo,
}

type tencentClients struct {
	cfg Config
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

func newTencentClients(cfg Config) *tencentClients {
	return &tencentClients{cfg: cfg, transport: newTransport(cfg.Insecure), entries: map[string]*tencentEntry{}}
}

// client returns the cached client for regionID ("" = the provider's region), building it
// on first use. A failed build is not cached.
func (t *tencentClients) client(ctx context.Context, service, regionID string) (*tc.Client, string, error) {
	cfg := t.cfg.Tencent
	// Credentials are checked first: an unconfigured cloud should say so, not ask for a region.
	cred, profileRegion, err := t.credentials(ctx)
	if err != nil {
		return nil, "", err
	}
	if regionID == "" {
		regionID = cfg.Region
	}
	if regionID == "" {
		regionID = profileRegion
	}
	if regionID == "" {
		return nil, "", &ConfigError{
			Summary: "Tencent Cloud region is not set",
			Detail: "Set region in the provider's tencentcloud block, the TENCENTCLOUD_REGION environment " +
				"variable, or the data source's region argument (or use a tccli profile whose .configure " +
				"file names one).",
		}
	}
	override := cfg.Endpoints.TCSS
	if override == "" && !slices.Contains(TencentRegions, regionID) {
		return nil, "", &ConfigError{
			Summary: fmt.Sprintf("Unknown Tencent Cloud region %q for %s", regionID, service),
			Detail: fmt.Sprintf("The Tencent Cloud SDK knows these regions: %s.\n\nUse one of them, or set "+
				"endpoints.%s in the tencentcloud block to call a private or local endpoint.",
				strings.Join(TencentRegions, ", "), strings.ToLower(service)),
		}
	}

	key := service + "/" + regionID
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
		return e.client, regionID, nil
	}
	prof := profile.NewClientProfile()
	prof.HttpProfile.ReqMethod = http.MethodPost
	// Each attempt's context carries request_timeout; the SDK's own client timeout (whole
	// seconds) must not cut it shorter.
	prof.HttpProfile.ReqTimeout = int(math.Ceil(t.cfg.RequestTimeout.Seconds()))
	// Retries are ours (call), with jitter and one budget for every cloud; the SDK's own
	// would multiply attempts. The region breaker would switch to a backup domain, which an
	// endpoint override must never do.
	prof.NetworkFailureMaxRetries = 0
	prof.RateLimitExceededMaxRetries = 0
	prof.DisableRegionBreaker = true
	if override != "" {
		u, err := url.Parse(override)
		if err != nil {
			return nil, "", &ConfigError{Summary: "Invalid Tencent Cloud endpoint", Detail: err.Error()}
		}
		prof.HttpProfile.Scheme = strings.ToUpper(u.Scheme)
		prof.HttpProfile.Endpoint = u.Host + strings.TrimSuffix(u.Path, "/")
	}
	c := tc.NewCommonClient(cred, regionID, prof)
	c.WithHttpTransport(t.transport)
	if t.cfg.UserAgent != "" {
		c.WithRequestClient(requestClient(t.cfg.UserAgent))
	}
	e.client = c
	return c, regionID, nil
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

// newTransport is the HTTP transport for SDKs that accept one: the default one, with TLS
// verification off only when insecure is set, and each response's status recorded.
func newTransport(insecure bool) http.RoundTripper {
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok { // replaced by some other code in the process; start from a fresh default
		base = &http.Transport{Proxy: http.ProxyFromEnvironment}
	}
	base = base.Clone()
	if insecure {
		base.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for it
	}
	return statusRecorder{base}
}

// statusError carries the HTTP status of a failed attempt to the classifier.
type statusError struct {
	status     int
	retryAfter time.Duration
	err        error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

// statusRecorder remembers the HTTP status of a response in the request's context, for
// SDKs whose errors do not carry it (Tencent answers most errors with 200, but a proxy or
// gateway in between may not).
type statusRecorder struct{ next http.RoundTripper }

type statusKey struct{}

// httpStatus receives the status of the last response of one attempt, and the wait its
// Retry-After header asks for (seconds; 0 when absent or a date, which no cloud here sends).
type httpStatus struct {
	code       int
	retryAfter time.Duration
}

func (s statusRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.next.RoundTrip(r)
	if h, ok := r.Context().Value(statusKey{}).(*httpStatus); ok && resp != nil {
		h.code = resp.StatusCode
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
			h.retryAfter = time.Duration(min(secs, 3600)) * time.Second
		}
	}
	return resp, err
}

// classifyTencent maps the SDK's errors onto APIError. Tencent signals throttling and its
// own faults by code, not HTTP status.
func classifyTencent(err error) (*APIError, bool) {
	status := 0
	var retryAfter time.Duration
	var se *statusError
	if errors.As(err, &se) {
		status, retryAfter = se.status, se.retryAfter
	}
	if certErr := asCertificateError(err); certErr != nil {
		return &APIError{Err: certErr}, false
	}
	var sdkErr *tcerr.TencentCloudSDKError
	if !errors.As(err, &sdkErr) {
		return &APIError{HTTPStatus: status, Err: err}, status == 0 && isTransient(err)
	}
	e := &APIError{HTTPStatus: status, Code: sdkErr.Code, Message: sdkErr.Message, RequestID: sdkErr.RequestId, RetryAfter: retryAfter}
	switch {
	case sdkErr.Code == "ClientError.NetworkError":
		// No response arrived; the SDK's message says only that, its cause says why.
		cause := errors.Unwrap(sdkErr)
		if cause == nil {
			cause = sdkErr
		}
		return &APIError{Err: cause}, true
	case sdkErr.Code == "ClientError.HttpStatusCodeError":
		// A non-200 answer from something in front of the API (gateway, proxy).
		return e, status == http.StatusTooManyRequests || status >= 500
	case sdkErr.Code == "ClientError.IOError", sdkErr.Code == "ClientError.ParseJsonError":
		// The answer was cut short or garbled on its way; a read can safely ask again.
		e.HTTPStatus = http.StatusOK
		return e, true
	case strings.HasPrefix(sdkErr.Code, "RequestLimitExceeded"),
		strings.HasPrefix(sdkErr.Code, "InternalError"),
		sdkErr.Code == "ResourceUnavailable.ServiceUnavailable":
		return e, true
	}
	return e, false
}

// CallTencent calls one action of a Tencent Cloud service in regionID ("" = the provider's
// region) with params as the JSON body, decoding the answer into a new T. It returns the
// region called.
func CallTencent[T tchttp.Response](ctx context.Context, c *Client, service, version, regionID, action string, params map[string]any, newResponse func() T) (T, string, error) {
	var zero T
	if c == nil {
		return zero, "", errNotConfigured
	}
	client, region, err := c.tencent.client(ctx, service, regionID)
	if err != nil {
		return zero, "", err
	}
	op := Operation{Cloud: TencentCloud, Service: service, Action: action, Region: region, Args: canonical(params), Account: c.tencent.account()}
	out, err := do(ctx, c, op, classifyTencent, func(ctx context.Context) (T, error) {
		status := &httpStatus{}
		req := tchttp.NewCommonRequest(strings.ToLower(service), version, action)
		if err := req.SetActionParameters(params); err != nil {
			return zero, err
		}
		req.SetContext(context.WithValue(ctx, statusKey{}, status))
		resp := newResponse()
		if err := client.Send(req, resp); err != nil {
			return zero, &statusError{status: status.code, retryAfter: status.retryAfter, err: err}
		}
		return resp, nil
	})
	return out, region, err
}
