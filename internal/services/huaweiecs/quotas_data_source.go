// Package huaweiecs holds the Huawei Cloud ECS data sources.
package huaweiecs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	ecs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ecs/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ecs/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/quotas"
)

var _ datasource.DataSourceWithConfigure = (*quotasDataSource)(nil)

// NewQuotasDataSource is the factory for cloudquota_huaweicloud_ecs_quotas.
func NewQuotasDataSource() datasource.DataSource {
	return &quotasDataSource{conns.DataSource{TypeName: "_huaweicloud_ecs_quotas"}}
}

type quotasDataSource struct{ conns.DataSource }

type quotasModel struct {
	ID       types.String   `tfsdk:"id"`
	Region   types.String   `tfsdk:"region"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	Quotas   types.Map      `tfsdk:"quotas"`
	Limits   types.Map      `tfsdk:"limits"`
}

// limitUsed is one `quotas` key: its limit and usage fields in the answer's `absolute`.
type limitUsed struct {
	key         string
	limit, used func(*model.ServerLimits) *int64
}

func i32(v int32) *int64 { n := int64(v); return &n }

func p32(v *int32) *int64 {
	if v == nil {
		return nil
	}
	return i32(*v)
}

// quotaFields are SPEC's `quotas` keys, in the order the docs list them.
var quotaFields = []limitUsed{
	{"instances", func(a *model.ServerLimits) *int64 { return i32(a.MaxTotalInstances) },
		func(a *model.ServerLimits) *int64 { return i32(a.TotalInstancesUsed) }},
	{"cores", func(a *model.ServerLimits) *int64 { return i32(a.MaxTotalCores) },
		func(a *model.ServerLimits) *int64 { return i32(a.TotalCoresUsed) }},
	{"ram", func(a *model.ServerLimits) *int64 { return i32(a.MaxTotalRAMSize) },
		func(a *model.ServerLimits) *int64 { return &a.TotalRAMUsed }},
	{"spot_instances", func(a *model.ServerLimits) *int64 { return p32(a.MaxTotalSpotInstances) },
		func(a *model.ServerLimits) *int64 { return p32(a.TotalSpotInstancesUsed) }},
	{"spot_cores", func(a *model.ServerLimits) *int64 { return p32(a.MaxTotalSpotCores) },
		func(a *model.ServerLimits) *int64 { return p32(a.TotalSpotCoresUsed) }},
	{"spot_ram", func(a *model.ServerLimits) *int64 { return p32(a.MaxTotalSpotRAMSize) },
		func(a *model.ServerLimits) *int64 { return p32(a.TotalSpotRAMUsed) }},
	{"server_groups", func(a *model.ServerLimits) *int64 { return i32(a.MaxServerGroups) },
		func(a *model.ServerLimits) *int64 { return i32(a.TotalServerGroupsUsed) }},
	{"security_groups", func(a *model.ServerLimits) *int64 { return i32(a.MaxSecurityGroups) },
		func(a *model.ServerLimits) *int64 { return i32(a.TotalSecurityGroupsUsed) }},
	{"floating_ips", func(a *model.ServerLimits) *int64 { return i32(a.MaxTotalFloatingIps) },
		func(a *model.ServerLimits) *int64 { return i32(a.TotalFloatingIpsUsed) }},
}

// limitFields are SPEC's `limits` keys: maxima the answer gives without a usage.
var limitFields = []struct {
	key   string
	limit func(*model.ServerLimits) int32
}{
	{"key_pairs", func(a *model.ServerLimits) int32 { return a.MaxTotalKeypairs }},
	{"security_group_rules", func(a *model.ServerLimits) int32 { return a.MaxSecurityGroupRules }},
	{"server_group_members", func(a *model.ServerLimits) int32 { return a.MaxServerGroupMembers }},
	{"server_metadata_items", func(a *model.ServerLimits) int32 { return a.MaxServerMeta }},
	{"image_metadata_items", func(a *model.ServerLimits) int32 { return a.MaxImageMeta }},
	{"personality", func(a *model.ServerLimits) int32 { return a.MaxPersonality }},
	{"personality_size", func(a *model.ServerLimits) int32 { return a.MaxPersonalitySize }},
}

var shape = quotas.Shape{
	Keys: "`instances`, `cores`, `ram` (MiB), `spot_instances`, `spot_cores`, `spot_ram` (MiB), " +
		"`server_groups`, `security_groups` and `floating_ips`, always all of them",
	LimitKeys: "`key_pairs`, `security_group_rules` (per security group), `server_group_members` (per server " +
		"group), `server_metadata_items`, `image_metadata_items`, `personality` (files injected per server) and " +
		"`personality_size` (bytes per file), always all of them",
}

func (d *quotasDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	as := shape.Attributes()
	as["id"] = attrs.ID()
	as["region"] = attrs.Region("Huawei Cloud", "HW_REGION_NAME")
	resp.Schema = schema.Schema{
		MarkdownDescription: "The ECS quotas of a Huawei Cloud project, with what is used of each (API " +
			"`ShowServerLimits`, `GET /v1/{project_id}/cloudservers/limits`): instances, vCPUs, RAM (MiB), their " +
			"spot twins, server groups, security groups and floating IPs. For the ECS flavor sizes, cores = vCPUs " +
			"and ram = MiB. The security-group figures here are ECS's view; the VPC quotas " +
			"(`cloudquota_huaweicloud_vpc_quotas`) are authoritative for networking.\n\n" + quotas.Rules,
		Blocks:     map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: as,
	}
}

func (d *quotasDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *quotasModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *quotasModel) (diag.Diagnostics, error) {
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "ShowServerLimits",
				&model.ShowServerLimitsRequest{}, (*ecs.EcsClient).ShowServerLimits)
			if err != nil {
				return nil, err
			}
			diags := flattenServerLimits(out, m)
			m.Region = types.StringValue(target.Region)
			m.ID = types.StringValue(target.Project)
			return diags, nil
		})
}

var _ attrs.Flatten[model.ShowServerLimitsResponse, quotasModel] = flattenServerLimits

// flattenServerLimits fills `quotas` and `limits` from the answer's `absolute`. Every fixed
// key is present: a field the answer omits (older regions send no Spot fields) reads as 0.
func flattenServerLimits(out *model.ShowServerLimitsResponse, m *quotasModel) diag.Diagnostics {
	a := &model.ServerLimits{}
	if out != nil && out.Absolute != nil {
		a = out.Absolute
	}
	answer := quotas.Answer{Quotas: map[string]quotas.Quota{}, Limits: map[string]float64{}}
	for _, f := range quotaFields {
		answer.Quotas[f.key] = quotas.Quota{Limit: num(f.limit(a)), Used: num(f.used(a))}
	}
	for _, f := range limitFields {
		answer.Limits[f.key] = float64(f.limit(a))
	}
	var diags diag.Diagnostics
	m.Quotas, m.Limits, diags = shape.Values(answer)
	return diags
}

func num(p *int64) float64 {
	if p == nil {
		return 0
	}
	return float64(*p)
}
