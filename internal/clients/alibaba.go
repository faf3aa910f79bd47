package clients

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"
)

// AlibabaCloud is the cloud's name as diagnostics show it.
const AlibabaCloud = "Alibaba Cloud"

// ServiceSAS is Security Center; its OpenAPI product code is Sas.
const ServiceSAS = "SAS"

// AlibabaConfig is the alicloud block after HCL and environment are merged.
type AlibabaConfig struct {
	Region        string
	AccessKey     string
	SecretKey     string
	SecurityToken string
	// Profile names a profile of the aliyun CLI's config file; SharedCredentialsFile is that
	// file when set explicitly ("" = ALIBABA_CLOUD_CONFIG_FILE, else ~/.aliyun/config.json).
	Profile               string
	SharedCredentialsFile string
	AssumeRole            *AlibabaAssumeRole // nil = no role assumed
	OIDC                  *AlibabaOIDC       // nil = no OIDC web identity
	// Problems are settings from the environment that could not be used (an unparsable
	// duration, ...): reported when the client is built, so that they never disturb the
	// other clouds.
	Problems  []string
	Endpoints AlibabaEndpoints
}

// AlibabaAssumeRole is the assume_role block (or its environment variables).
type AlibabaAssumeRole struct {
	RoleARN     string
	SessionName string
	Duration    time.Duration // 0 = the API's default, one hour
	ExternalID  string
	Policy      string
}

// AlibabaOIDC is the assume_role_with_oidc block (or its environment variables).
type AlibabaOIDC struct {
	ProviderARN string
	RoleARN     string
	TokenFile   string
	Token       string
	SessionName string
	Duration    time.Duration
}

// secrets are the settings that logs must never show.
func (c AlibabaConfig) secrets() []string {
	out := []string{c.SecretKey, c.SecurityToken}
	if c.OIDC != nil {
		out = append(out, c.OIDC.Token)
	}
	return out
}

// AlibabaEndpoints are full URLs that replace the documented endpoints.
type AlibabaEndpoints struct {
	SAS string
	STS string
}

// sasEndpoints is Security Center's endpoint per region, as Alibaba documents it and its
// generated Sas 2018-12-03 SDK resolves it: Singapore and Kuala Lumpur have their own,
// every other region is served by the central one.
var sasEndpoints = func() map[string]string {
	m := map[string]string{
		"ap-southeast-1": "tds.ap-southeast-1.aliyuncs.com",
		"ap-southeast-3": "tds.ap-southeast-3.aliyuncs.com",
	}
	for _, r := range []string{
		"cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-qingdao", "cn-zhangjiakou", "cn-huhehaote",
		"cn-wulanchabu", "cn-shenzhen", "cn-chengdu", "cn-hongkong", "cn-wuhan", "cn-fujian",
		"cn-beijing-finance-1", "cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1",
		"cn-north-2-gov-1", "ap-northeast-1", "ap-south-1", "ap-southeast-2", "ap-southeast-5",
		"eu-central-1", "eu-west-1", "me-east-1", "us-east-1", "us-west-1",
	} {
		m[r] = "tds.aliyuncs.com"
	}
	return m
}()

// AlibabaSASRegions lists the regions Security Center has a documented endpoint for.
func AlibabaSASRegions() []string {
	out := make([]string, 0, len(sasEndpoints))
	for r := range sasEndpoints {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

type alibabaClients struct {
	cfg  Config
	http *http.Client
	mu   sync.Mutex
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

func newAlibabaClients(cfg Config) *alibabaClients {
	return &alibabaClients{
		cfg:     cfg,
		http:    &http.Client{Transport: newTransport(cfg.Insecure)},
		configs: map[string]*openapi.Config{},
	}
}

// alibabaEndpoint resolves the host and protocol service is called at in regionID.
func alibabaEndpoint(cfg AlibabaConfig, service, regionID string) (host, protocol string, err error) {
	if override := cfg.Endpoints.SAS; override != "" {
		u, err := url.Parse(override)
		if err != nil {
			return "", "", &ConfigError{Summary: "Invalid Alibaba Cloud endpoint", Detail: err.Error()}
		}
		return u.Host, u.Scheme, nil
	}
	host, ok := sasEndpoints[regionID]
	if !ok {
		return "", "", &ConfigError{
			Summary: fmt.Sprintf("Unknown Alibaba Cloud region %q for %s", regionID, service),
			Detail: fmt.Sprintf("Security Center has endpoints in these regions: %s.\n\nUse one of them, or set "+
				"endpoints.%s in the alicloud block to call a private or local endpoint.",
				strings.Join(AlibabaSASRegions(), ", "), strings.ToLower(service)),
		}
	}
	return host, "https", nil
}

// client returns a client for regionID ("" = the provider's region). The configuration is
// resolved once per region; a failed resolution is not cached.
func (a *alibabaClients) client(ctx context.Context, service, regionID string) (*openapi.Client, string, error) {
	cfg := a.cfg.Alibaba
	if regionID == "" {
		regionID = cfg.Region
	}
	key := service + "/" + regionID
	a.mu.Lock()
	oc, ok := a.configs[key]
	a.mu.Unlock()
	if !ok {
		var err error
		if oc, err = a.resolve(ctx, service, regionID); err != nil {
			return nil, "", err
		}
		a.mu.Lock()
		a.configs[key] = oc
		a.mu.Unlock()
	}
	c, err := openapi.NewClient(oc)
	if err != nil {
		return nil, "", &ConfigError{Summary: "Invalid Alibaba Cloud configuration", Detail: err.Error()}
	}
	// The SDK's own error types keep status, code and request ID as fields; its default
	// wrapping flattens them into text.
	c.DisableSDKError = dara.Bool(true)
	return c, regionID, nil
}

func (a *alibabaClients) resolve(ctx context.Context, service, regionID string) (*openapi.Config, error) {
	cred, err := a.credentials(ctx)
	if err != nil {
		return nil, err
	}
	if regionID == "" {
		return nil, &ConfigError{
			Summary: "Alibaba Cloud region is not set",
			Detail: "Set region in the provider's alicloud block, the ALICLOUD_REGION (or ALIBABA_CLOUD_REGION_ID) " +
				"environment variable, or the data source's region argument.",
		}
	}
	host, protocol, err := alibabaEndpoint(a.cfg.Alibaba, service, regionID)
	if err != nil {
		return nil, err
	}
	timeoutMS := int(a.cfg.RequestTimeout.Milliseconds())
	oc := &openapi.Config{
		Credential:     cred,
		Endpoint:       dara.String(host),
		Protocol:       dara.String(protocol),
		RegionId:       dara.String(regionID),
		ReadTimeout:    dara.Int(timeoutMS),
		ConnectTimeout: dara.Int(timeoutMS),
		HttpClient:     daraHTTPClient{a.http},
		// Retries are ours (call), with one budget for every cloud.
		RetryOptions: &dara.RetryOptions{Retryable: false},
	}
	if a.cfg.UserAgent != "" {
		oc.UserAgent = dara.String(a.cfg.UserAgent)
	}
	return oc, nil
}

// alibabaResponseError is what the SDK's ClientError, ServerError and ThrottlingError share.
type alibabaResponseError interface {
	GetStatusCode() *int
	GetCode() *string
	GetRequestId() *string
	GetData() map[string]any
}

// classifyAlibaba maps the SDK's errors onto APIError: throttling and 5xx are transient.
func classifyAlibaba(err error) (*APIError, bool) {
	// A 200 whose body is not JSON was garbled on its way (a proxy, a cut connection);
	// a read can safely ask again.
	var decodeErr *APIError
	if errors.As(err, &decodeErr) {
		return decodeErr, true
	}
	if certErr := asCertificateError(err); certErr != nil {
		return &APIError{Err: certErr}, false
	}
	var re alibabaResponseError
	if errors.As(err, &re) {
		e := &APIError{
			HTTPStatus: dara.IntValue(re.GetStatusCode()),
			Code:       dara.StringValue(re.GetCode()),
			RequestID:  dara.StringValue(re.GetRequestId()),
		}
		// The SDK's Message is "code: N, <message> request id: X"; the body's own is cleaner.
		if msg, ok := re.GetData()["Message"].(string); ok {
			e.Message = msg
		} else {
			e.Message = err.Error()
		}
		throttled := strings.HasPrefix(e.Code, "Throttling") || e.Code == "ServiceUnavailable"
		return e, throttled || e.HTTPStatus == 429 || e.HTTPStatus >= 500
	}
	return &APIError{Err: err}, isTransient(err)
}

// sasVersion is the Security Center OpenAPI version (RPC style, as Alibaba's generated Sas client calls it).
const sasVersion = "2018-12-03"

// CallSAS calls one Security Center action in regionID ("" = the provider's region) with
// query, decodes its JSON body into a new T, and returns the region called.
func CallSAS[T any](ctx context.Context, c *Client, regionID, action string, query map[string]string) (*T, string, error) {
	if c == nil {
		return nil, "", errNotConfigured
	}
	client, region, err := c.alibaba.client(ctx, ServiceSAS, regionID)
	if err != nil {
		return nil, "", err
	}
	params := &openapi.Params{
		Action:      dara.String(action),
		Version:     dara.String(sasVersion),
		Protocol:    dara.String("HTTPS"),
		Pathname:    dara.String("/"),
		Method:      dara.String("POST"),
		AuthType:    dara.String("AK"),
		Style:       dara.String("RPC"),
		ReqBodyType: dara.String("formData"),
		// "string" hands over the body as sent, so numbers are decoded exactly, by us.
		BodyType: dara.String("string"),
	}
	q := make(map[string]*string, len(query))
	for k, v := range query {
		q[k] = dara.String(v)
	}
	// TLS is our transport's (newTransport); the SDK's IgnoreSSL would only shape a
	// transport our HTTP client does not use.
	runtime := &dara.RuntimeOptions{}
	op := Operation{Cloud: AlibabaCloud, Service: ServiceSAS, Action: action, Region: region, Args: canonical(query), Account: c.alibaba.account()}
	out, err := do(ctx, c, op, classifyAlibaba, func(ctx context.Context) (*T, error) {
		res, err := client.CallApiWithCtx(ctx, params, &openapi.OpenApiRequest{Query: q}, runtime)
		if err != nil {
			return nil, err
		}
		out := new(T)
		return out, decodeSASBody(res, out)
	})
	return out, region, err
}

// decodeSASBody decodes a successful answer; a body that is not the documented JSON is an
// APIError like any other, with the request ID from the response headers.
func decodeSASBody(res map[string]any, out any) error {
	body, _ := res["body"].(string)
	if err := json.Unmarshal([]byte(body), out); err != nil {
		e := &APIError{HTTPStatus: http.StatusOK, Message: "the response body is not the documented JSON: " + err.Error()}
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
