// Package provider implements the cloudquota provider: its schema, its configuration
// (HCL, then environment, then each vendor SDK's own chain) and its list of data sources.
package provider

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/alicloudecs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/alicloudquotas"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/billing"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/bss"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/bssopenapi"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/hss"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/huaweiecs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/huaweievs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/huaweivpc"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/metastudio"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/sas"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/tcss"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/tencentcvm"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/tencentvpc"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/validate"
)

var _ provider.Provider = (*cloudquotaProvider)(nil)

type cloudquotaProvider struct {
	version string
	// getenv is os.Getenv in production; tests replace it to check precedence.
	getenv func(string) string
}

// New returns a provider factory for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &cloudquotaProvider{version: version, getenv: osGetenv}
	}
}

func (p *cloudquotaProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "cloudquota"
	resp.Version = p.version
}

func (p *cloudquotaProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	blocks := map[string]schema.Block{}
	for _, c := range clouds {
		blocks[c.Name()] = c.Block()
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Read-only data sources over cloud entitlement and quota APIs (Huawei Cloud, " +
			"Tencent Cloud, Alibaba Cloud), for `precondition` and `check` blocks that must know at plan time " +
			"whether an account has the licences and quotas a change needs.\n\n" +
			"Each cloud is configured in its own optional block. A cloud that is not configured does not " +
			"disturb the others: its error appears only when one of its data sources is read. Every setting " +
			"is taken from HCL first, then from its environment variable, then from the vendor SDK's own " +
			"credential chain.",
		Attributes: map[string]schema.Attribute{
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times one API call is retried after throttling, a 5xx answer, a " +
					"timeout or a connection failure, with exponential backoff and full jitter. Errors that are " +
					"the caller's (authentication, permissions, bad arguments) are never retried. Default `5`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 50)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Time limit of one HTTP attempt, as a Go duration such as `\"30s\"`. Default `\"30s\"`.",
				Optional:            true,
				CustomType:          attrs.DurationType{},
				Validators:          []validator.String{validate.PositiveDuration()},
			},
			"cache_ttl": schema.StringAttribute{
				MarkdownDescription: "How long a successful answer is shared with identical reads (same cloud, " +
					"credentials, region, project and arguments) of every provider process of this OS user on this " +
					"machine: a `terragrunt run-all plan` of many modules that check the same quota, parallel CI jobs on " +
					"one runner, a plan and then an apply. A Go duration such as `\"10m\"`; `\"0s\"`, the default, turns " +
					"it off (each provider process still makes one call for identical reads of its own). Failures are " +
					"never kept. Answers are kept in files under `CLOUDQUOTA_CACHE_DIR`. Environment: " +
					"`CLOUDQUOTA_CACHE_TTL`.",
				Optional:   true,
				CustomType: attrs.DurationType{},
				Validators: []validator.String{validate.NonNegativeDuration()},
			},
			"rate_limits": schema.MapAttribute{
				MarkdownDescription: "Per API action, the most calls the provider sends in any window, as " +
					"`\"N/DURATION\"` such as `\"5/1m\"`, replacing the limit the vendor documents (see \"Rate limits " +
					"and shared answers\" above): for accounts whose limits were raised, or that other tools share. The " +
					"budget is counted per account and endpoint across every provider process of this OS user on this machine. " +
					"Keys: " + actionList() + "; and `\"*\"`, which replaces every action's budget at once (an entry " +
					"naming an action wins over it): in tests against the cloudquota emulator, `rate_limits = { \"*\" = " +
					"\"1000/1s\" }` or `CLOUDQUOTA_RATE_LIMITS=\"*=1000/1s\"` lifts the documented budgets. A read that " +
					"waits 3 seconds or more for a budget ends with a warning that says so. Environment: " +
					"`CLOUDQUOTA_RATE_LIMITS`, comma-separated `Action=N/DURATION` pairs such as " +
					"`\"*=1000/1s,ShowResourceQuotas=5/1m\"` (an HCL entry wins for its key).",
				Optional:    true,
				ElementType: types.StringType,
				Validators: []validator.Map{
					mapvalidator.KeysAre(stringvalidator.OneOf(append(conns.Actions(), conns.AllActions)...)),
					mapvalidator.ValueStringsAre(validate.RateLimit()),
				},
			},
			"insecure": schema.BoolAttribute{
				MarkdownDescription: "Skip TLS certificate verification. Only for private clouds with self-signed " +
					"certificates; never the default.",
				Optional: true,
			},
		},
		Blocks: blocks,
	}
}

func (p *cloudquotaProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m globalModel
	resp.Diagnostics.Append(m.get(ctx, req.Config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings, diags := m.settings(p.getenv)
	resp.Diagnostics.Append(diags...)
	settings.UserAgent = "terraform-provider-cloudquota/" + p.version
	c := conns.New(settings)
	// Each cloud merges its block with the environment (no I/O: the vendor SDK chains are
	// consulted only when a cloud's client is first needed) and attaches itself to c.
	env := &conns.Env{Getenv: p.getenv}
	// Only region, flags and settings are logged, never a credential.
	fields := map[string]any{
		"max_retries":     settings.MaxRetries,
		"request_timeout": settings.RequestTimeout.String(),
		"cache_ttl":       settings.CacheTTL.String(),
		"rate_limits":     len(settings.RateLimits),
	}
	for _, cl := range clouds {
		maps.Copy(fields, cl.Configure(ctx, req.Config, env, c))
	}
	resp.Diagnostics.Append(env.Diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Debug(ctx, "cloudquota provider configured", fields)
	resp.DataSourceData = c
}

func (p *cloudquotaProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		hss.NewImageScanStatisticsDataSource,
		hss.NewResourceQuotasDataSource,
		metastudio.NewExpiringResourcesDataSource,
		tcss.NewImageAuthorizedInfoDataSource,
		sas.NewAuthSummaryDataSource,
		alicloudquotas.NewQuotasDataSource,
		alicloudecs.NewQuotasDataSource,
		huaweiecs.NewQuotasDataSource,
		huaweivpc.NewQuotasDataSource,
		huaweievs.NewQuotasDataSource,
		tencentcvm.NewCVMQuotasDataSource,
		tencentvpc.NewVPCQuotasDataSource,
		tencentvpc.NewEIPQuotasDataSource,
		billing.NewSubscriptionsDataSource,
		bssopenapi.NewSubscriptionsDataSource,
		bss.NewSubscriptionsDataSource,
	}
}

// actionList names the actions rate_limits takes, with their default limits, for the docs.
func actionList() string {
	actions := conns.Actions()
	parts := make([]string, len(actions))
	for i, a := range actions {
		l, _ := conns.DeclaredLimit(a)
		parts[i] = fmt.Sprintf("`%s` (default `\"%s\"`)", a, l)
	}
	return strings.Join(parts, ", ")
}

// Resources is empty: the provider is read-only by design.
func (p *cloudquotaProvider) Resources(_ context.Context) []func() resource.Resource {
	return nil
}
