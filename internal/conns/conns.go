// Package conns is the call policy every cloud shares, knowing no cloud: coalescing of
// identical reads, per-API rate limits, timeouts, retries, masked logging, error
// normalisation and diagnostics, and the credential helpers the clouds' chains share.
//
// Each cloud package (internal/clouds/...) builds its SDK clients and attaches them to the
// Client, the provider data every data source receives; the policy never reaches back into
// a cloud.
package conns

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
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

// Settings are the provider-wide settings every cloud's calls obey.
type Settings struct {
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
}

// Client is the provider's data shared with every data source: the call policy, and one
// opaque slot per cloud that the cloud's package fills at Configure and reads back through
// its own unexported key. Each cloud builds its SDK clients on first use and caches them
// per region, so an unconfigured cloud costs nothing until one of its data sources is read.
type Client struct {
	settings Settings

	mu      sync.RWMutex
	clouds  map[any]any
	secrets []string

	// answers keeps every successful read for the life of the provider process (one
	// Terraform command), and flights joins identical reads in progress: a plan with many
	// identical data sources makes one API call.
	answers sync.Map // Operation.key() -> response
	flights singleflight.Group
	state   state // rate-limit budgets and cache_ttl answers shared with other processes
	clock   shared.Clock
	started time.Time
}

// New returns a Client with no cloud attached; it performs no I/O.
func New(s Settings) *Client {
	if s.RequestTimeout <= 0 {
		s.RequestTimeout = DefaultRequestTimeout
	}
	if s.MaxRetries < 0 {
		s.MaxRetries = 0
	}
	return &Client{
		settings: s,
		clouds:   map[any]any{},
		clock:    shared.RealClock,
		started:  time.Now(),
	}
}

// Attach fills a cloud's slot (key is the cloud package's own unexported type) and records
// the configured values that must never reach a log line. Clouds attach at Configure,
// before any read.
func (c *Client) Attach(key, cloud any, secrets ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clouds[key] = cloud
	for _, s := range secrets {
		if s != "" {
			c.secrets = append(c.secrets, s)
		}
	}
}

// Cloud returns what was attached under key; nil when c is nil or nothing was.
func (c *Client) Cloud(key any) any {
	if c == nil {
		return nil
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.clouds[key]
}

// Settings returns the provider-wide settings; zero when c is nil.
func (c *Client) Settings() Settings {
	if c == nil {
		return Settings{}
	}
	return c.settings
}

// Canonical is a request's arguments in a stable form: JSON, whose struct fields keep
// their order and whose map keys are sorted.
func Canonical(req any) string {
	b, err := json.Marshal(req)
	if err != nil { // every request type here is plain data; keep reads apart rather than fail
		return fmt.Sprintf("%#v", req)
	}
	return string(b)
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
	c.mu.RLock()
	secrets := c.secrets
	c.mu.RUnlock()
	if len(secrets) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
		ctx = tflog.MaskMessageStrings(ctx, secrets...)
	}
	return ctx
}

// Configured is when the provider was configured: "now" for every read of one Terraform
// command, so that relative windows (expiring_within) agree across data sources.
func (c *Client) Configured() time.Time {
	if c == nil {
		return time.Now()
	}
	return c.started
}

// ErrNotConfigured guards reads that arrive before the provider was configured, which
// Terraform should never do; a diagnostic beats a nil dereference.
var ErrNotConfigured = &ConfigError{
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
			fmt.Sprintf("Expected *conns.Client, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return c
}
