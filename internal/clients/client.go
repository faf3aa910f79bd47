// Package clients builds each cloud's SDK client from the provider configuration and wraps
// every API call in one policy: coalescing of identical reads, per-API rate limits,
// timeouts, retries, masked logging and error normalisation.
package clients

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/sync/singleflight"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns/shared"
)

// Defaults for the provider-wide settings; documented in the provider schema.
const (
	DefaultMaxRetries     = 5
	DefaultRequestTimeout = 30 * time.Second
)

// Config is the provider configuration after HCL and environment have been merged.
// Anything still empty falls back to the vendor SDK's own chain when a client is built.
type Config struct {
	MaxRetries     int
	RequestTimeout time.Duration
	Insecure       bool
	UserAgent      string
	// CacheTTL is how long a successful answer is shared with identical reads of other
	// provider processes (cache_ttl); 0 = not at all.
	CacheTTL time.Duration
	// RateLimits replace the documented limits of the actions they name (rate_limits).
	RateLimits map[string]shared.Window
	// CacheDir is the directory shared with other provider processes (CLOUDQUOTA_CACHE_DIR);
	// "" = the user cache directory's cloudquota/.
	CacheDir string

	Huawei  HuaweiConfig
	Tencent TencentConfig
	Alibaba AlibabaConfig
}

// Client is the provider's data shared with every data source. Clients for each cloud
// are built on first use and cached per region, so an unconfigured cloud costs nothing
// until one of its data sources is read.
type Client struct {
	cfg     Config
	huawei  *huaweiClients
	tencent *tencentClients
	alibaba *alibabaClients

	// answers keeps every successful read for the life of the provider process (one
	// Terraform command), and flights joins identical reads in progress: a plan with many
	// identical data sources makes one API call.
	answers sync.Map // Operation.key() -> response
	flights singleflight.Group
	state   state // rate-limit budgets and cache_ttl answers shared with other processes
	clock   shared.Clock
	secrets []string
	started time.Time
}

// New returns a Client; it performs no I/O.
func New(cfg Config) *Client {
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	c := &Client{
		cfg:     cfg,
		huawei:  newHuaweiClients(cfg),
		tencent: newTencentClients(cfg),
		alibaba: newAlibabaClients(cfg),
		clock:   shared.RealClock,
		secrets: cfg.secrets(),
		started: time.Now(),
	}
	c.huawei.owner = c
	return c
}

// canonical is a request's arguments in a stable form: JSON, whose struct fields keep
// their order and whose map keys are sorted.
func canonical(req any) string {
	b, err := json.Marshal(req)
	if err != nil { // every request type here is plain data; keep reads apart rather than fail
		return fmt.Sprintf("%#v", req)
	}
	return string(b)
}

// secrets are the configured values that must never reach a log line.
func (cfg Config) secrets() []string {
	var out []string
	for _, s := range slices.Concat(cfg.Huawei.secrets(), cfg.Tencent.secrets(), cfg.Alibaba.secrets()) {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Log field keys whose values are credentials or signatures, whoever logs them.
var secretFieldKeys = []string{
	"secret_key", "security_token", "token", "authorization", "Authorization",
	"X-TC-Token", "x-acs-security-token", "X-Security-Token", "password",
}

// signaturePattern matches what the three signing schemes put in an Authorization header.
var signaturePattern = regexp.MustCompile(`(?i)(Signature=)[0-9a-f]+|((SDK|TC3|ACS3)-HMAC-SHA256)\s+\S.*`)

// logContext is ctx with the operation's fields on every log line and every credential
// masked: configured secrets wherever they appear, secret-named fields, and signatures.
func (c *Client) logContext(ctx context.Context, op Operation) context.Context {
	ctx = tflog.SetField(ctx, "cloud", op.Cloud)
	ctx = tflog.SetField(ctx, "service", op.Service)
	ctx = tflog.SetField(ctx, "action", op.Action)
	ctx = tflog.SetField(ctx, "region", op.Region)
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, secretFieldKeys...)
	ctx = tflog.MaskAllFieldValuesRegexes(ctx, signaturePattern)
	ctx = tflog.MaskMessageRegexes(ctx, signaturePattern)
	if len(c.secrets) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, c.secrets...)
		ctx = tflog.MaskMessageStrings(ctx, c.secrets...)
	}
	return ctx
}

// Config returns the merged configuration the client was built from; zero when the
// provider has not been configured.
func (c *Client) Config() Config {
	if c == nil {
		return Config{}
	}
	return c.cfg
}

// Configured is when the provider was configured: "now" for every read of one Terraform
// command, so that relative windows (expiring_within) agree across data sources.
func (c *Client) Configured() time.Time {
	if c == nil {
		return time.Now()
	}
	return c.started
}

// errNotConfigured guards reads that arrive before the provider was configured, which
// Terraform should never do; a diagnostic beats a nil dereference.
var errNotConfigured = &ConfigError{
	Summary: "Provider not configured",
	Detail:  "The cloudquota provider was not configured before a data source was read. This is a bug in the provider or Terraform; please report it.",
}

// FromProviderData is the data sources' Configure step: it accepts the provider's data, or
// nothing when Terraform validates before the provider is configured.
func FromProviderData(data any, diags *diag.Diagnostics) *Client {
	if data == nil {
		return nil
	}
	c, ok := data.(*Client)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *clients.Client, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return c
}
