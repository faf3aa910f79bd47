// Package clients builds each cloud's SDK client from the provider configuration and wraps
// every API call in one policy: retries, timeouts and error normalisation.
package clients

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
}

// New returns a Client; it performs no I/O.
func New(cfg Config) *Client {
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	return &Client{
		cfg:     cfg,
		huawei:  newHuaweiClients(cfg),
		tencent: newTencentClients(cfg),
		alibaba: newAlibabaClients(cfg),
	}
}

// Config returns the merged configuration the client was built from; zero when the
// provider has not been configured.
func (c *Client) Config() Config {
	if c == nil {
		return Config{}
	}
	return c.cfg
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
