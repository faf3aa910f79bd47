// Package huaweievs holds the Huawei Cloud EVS data sources.
package huaweievs

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	evs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/evs/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/evs/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/quotas"
)

var _ datasource.DataSourceWithConfigure = (*quotasDataSource)(nil)

// NewQuotasDataSource is the factory for cloudquota_huaweicloud_evs_quotas.
func NewQuotasDataSource() datasource.DataSource {
	return &quotasDataSource{conns.DataSource{TypeName: "_huaweicloud_evs_quotas"}}
}

type quotasDataSource struct{ conns.DataSource }

type quotasModel struct {
	ID       types.String   `tfsdk:"id"`
	Region   types.String   `tfsdk:"region"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	Quotas   types.Map      `tfsdk:"quotas"`
	Limits   types.Map      `tfsdk:"limits"`
}

var shape = quotas.Shape{
	Keys: "each key of the answer's `quota_set` that carries a limit and a usage: `volumes`, `gigabytes` (GiB), " +
		"`snapshots`, `backups`, `backup_gigabytes` (GiB), `per_volume_gigabytes`, and a `volumes_<TYPE>`, " +
		"`gigabytes_<TYPE>` and `snapshots_<TYPE>` per disk type (`SATA`, `SAS`, `SSD`, `GPSSD`, `ESSD`, ... " +
		"including types newer than the SDK); exactly those the answer holds",
	Extras: map[string]schema.Attribute{
		"reserved": schema.Float64Attribute{Computed: true,
			MarkdownDescription: "What is reserved of this quota (the API's `reserved`)."},
	},
}

func (d *quotasDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	as := shape.Attributes()
	as["id"] = attrs.ID()
	as["region"] = attrs.Region("Huawei Cloud", "HW_REGION_NAME")
	resp.Schema = schema.Schema{
		MarkdownDescription: "The disk (EVS) quotas of a Huawei Cloud project, with what is used of each (API " +
			"`CinderListQuotas`, `GET /v2/{project_id}/os-quota-sets/{project_id}?usage=True`): disks, capacity " +
			"(GiB), snapshots and backups, in all and per disk type.\n\n" + quotas.Rules,
		Blocks:     map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: as,
	}
}

// quotaSetResponse is the answer of CinderListQuotas as it is on the wire: `quota_set` is an
// object whose keys include one per disk type. The SDK's model.QuotaList has a fixed field
// per type it knew when generated (SATA, SAS, SSD) and would silently drop GPSSD, ESSD and
// every later type, so the read keeps the SDK's request definition (method, path, query,
// signing, error handling) and swaps its response for this map, decoded here.
type quotaSetResponse struct {
	QuotaSet       map[string]quotaDetail `json:"-"`
	HttpStatusCode int                    `json:"-"` // the SDK sets it on every response
}

// quotaDetail is one quota of `quota_set`; nil fields were absent from the answer.
type quotaDetail struct {
	Limit    *float64 `json:"limit"`
	InUse    *float64 `json:"in_use"`
	Reserved *float64 `json:"reserved"`
}

// UnmarshalJSON decodes the body with encoding/json (the SDK's own decoder defers to it).
// Values of `quota_set` that are not quota objects (its `id`, a project ID string) are
// skipped rather than refused.
func (r *quotaSetResponse) UnmarshalJSON(b []byte) error {
	var body struct {
		QuotaSet map[string]json.RawMessage `json:"quota_set"`
	}
	if err := json.Unmarshal(b, &body); err != nil {
		return err
	}
	r.QuotaSet = make(map[string]quotaDetail, len(body.QuotaSet))
	for key, raw := range body.QuotaSet {
		var q quotaDetail
		if json.Unmarshal(raw, &q) != nil || q.Limit == nil || q.InUse == nil {
			continue
		}
		r.QuotaSet[key] = q
	}
	return nil
}

// cinderListQuotas calls CinderListQuotas through hc: the SDK's request definition, with the
// response swapped for quotaSetResponse. The target project is the project the call is made
// in, as the API requires ("与project_id保持一致即可").
func cinderListQuotas(hc *core.HcHttpClient, req model.CinderListQuotasRequest) (*quotaSetResponse, error) {
	if cred, ok := hc.GetCredential().(*auth.BasicCredentials); ok {
		req.TargetProjectId = cred.ProjectId
	}
	def := evs.GenReqDefForCinderListQuotas()
	def.Response = new(quotaSetResponse)
	out, err := hc.Sync(&req, def)
	if err != nil {
		return nil, err
	}
	return out.(*quotaSetResponse), nil
}

func (d *quotasDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *quotasModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *quotasModel) (diag.Diagnostics, error) {
			request := model.CinderListQuotasRequest{Usage: model.GetCinderListQuotasRequestUsageEnum().TRUE}
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "CinderListQuotas", request, cinderListQuotas)
			if err != nil {
				return nil, err
			}
			diags := flattenQuotaSet(out, m)
			m.Region = types.StringValue(target.Region)
			m.ID = types.StringValue(target.Project)
			return diags, nil
		})
}

var _ attrs.Flatten[quotaSetResponse, quotasModel] = flattenQuotaSet

// flattenQuotaSet keys `quotas` by each key of `quota_set` that holds a quota, as sent.
func flattenQuotaSet(out *quotaSetResponse, m *quotasModel) diag.Diagnostics {
	answer := quotas.Answer{Quotas: map[string]quotas.Quota{}}
	if out != nil {
		for key, q := range out.QuotaSet {
			if q.Limit == nil || q.InUse == nil {
				continue
			}
			var reserved float64
			if q.Reserved != nil {
				reserved = *q.Reserved
			}
			answer.Quotas[key] = quotas.Quota{
				Limit: *q.Limit, Used: *q.InUse,
				Extra: map[string]attr.Value{"reserved": types.Float64Value(reserved)},
			}
		}
	}
	var diags diag.Diagnostics
	m.Quotas, m.Limits, diags = shape.Values(answer)
	return diags
}
