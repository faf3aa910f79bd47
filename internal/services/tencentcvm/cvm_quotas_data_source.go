package tencentcvm

import (
	"context"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/quotas"
)

var _ datasource.DataSourceWithConfigure = (*cvmQuotasDataSource)(nil)

// NewCVMQuotasDataSource is the factory for cloudquota_tencentcloud_cvm_quotas.
func NewCVMQuotasDataSource() datasource.DataSource {
	return &cvmQuotasDataSource{conns.DataSource{TypeName: "_tencentcloud_cvm_quotas"}}
}

type cvmQuotasDataSource struct{ conns.DataSource }

type cvmQuotasModel struct {
	ID       types.String   `tfsdk:"id"`
	Region   types.String   `tfsdk:"region"`
	Zones    types.Set      `tfsdk:"zones"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	AppID    types.Int64    `tfsdk:"app_id"`
	Quotas   types.Map      `tfsdk:"quotas"`
	Limits   types.Map      `tfsdk:"limits"`
}

// zonePattern is the shape of a Tencent Cloud availability zone (ap-guangzhou-3,
// na-siliconvalley-1, ap-shanghai-fsi-1): a region name and a number. Which zones a region
// has is the API's to say (InvalidZone.MismatchRegion).
var zonePattern = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)*-[0-9]+$`)

// The keys of the answer's fixed quotas and limits.
const (
	keyImage            = "image"
	keyDisasterRecovery = "disaster_recover_groups"
	keyCvmInHostGroup   = "cvm_in_host_group"
	keyCvmInSwitchGroup = "cvm_in_switch_group"
	keyCvmInRackGroup   = "cvm_in_rack_group"
)

// cvmShape is the data source's `quotas` and `limits`: the core four, no extras.
var cvmShape = quotas.Shape{
	Keys: "billing mode and zone, `post_paid/<zone>`, `pre_paid/<zone>` and `spot_paid/<zone>` (one per zone " +
		"the answer lists, such as `post_paid/ap-guangzhou-3`), and the account-wide `image` (custom images) and " +
		"`disaster_recover_groups` (placement groups), which are always present",
	LimitKeys: "`pre_paid_once/<zone>` (the most pre-paid instances one order may buy in that zone, `OnceQuota`) " +
		"and the always present `cvm_in_host_group`, `cvm_in_switch_group` and `cvm_in_rack_group` (instances " +
		"one placement group of that type may hold)",
}

// UnitNote is what the docs say about the units, which Tencent's reference leaves partly open.
const UnitNote = "Units: Tencent's API reference (DescribeAccountQuota, document 213/55628) gives the spot " +
	"quotas in vCPUs (`SpotPaidQuota`: 单位：vCPU核心数) but does not state the unit of the post-paid and " +
	"pre-paid quotas; the figures are reported as sent, so check them against the CVM console's quota page " +
	"for your account before comparing them with an instance count or a vCPU count. The pre-paid `used` is " +
	"what was used this month (当月已使用配额), not the instances running."

func (d *cvmQuotasDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := map[string]schema.Attribute{
		"id":     attrs.ID(),
		"region": attrs.Region("Tencent Cloud", "TENCENTCLOUD_REGION"),
		"zones": schema.SetAttribute{
			MarkdownDescription: "Only these availability zones (such as `ap-guangzhou-3`), sent as the API's " +
				"`zone` filter; every zone of the region when unset. A zone of another region is refused by the API " +
				"(`InvalidZone.MismatchRegion`). The account-wide `image` and `disaster_recover_groups` quotas " +
				"are reported whatever the filter.",
			Optional:    true,
			ElementType: types.StringType,
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				setvalidator.ValueStringsAre(stringvalidator.RegexMatches(zonePattern,
					"must be an availability zone name such as ap-guangzhou-3")),
			},
		},
		"app_id": schema.Int64Attribute{
			MarkdownDescription: "The account's APPID (`AppId`).",
			Computed:            true,
		},
	}
	for name, a := range cvmShape.Attributes() {
		attributes[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "CVM instance, image and placement group quotas of a Tencent Cloud region, per " +
			"availability zone and billing mode, with what is used and what remains (CVM API " +
			"`DescribeAccountQuota`, version " + APIVersion + "). `available` is Tencent's own `RemainingQuota` " +
			"for the per-zone quotas, taken as sent even where it differs from `limit - used`; the `image` and " +
			"`disaster_recover_groups` quotas are summed over the answer's entries.\n\n" + UnitNote + "\n\n" +
			quotas.Rules,
		Blocks:     map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: attributes,
	}
}

func (d *cvmQuotasDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *cvmQuotasModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *cvmQuotasModel) (diag.Diagnostics, error) {
			var zones []string
			if diags := m.Zones.ElementsAs(ctx, &zones, false); diags.HasError() {
				return diags, nil
			}
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "DescribeAccountQuota", newRequest(zones),
				cvm.NewDescribeAccountQuotaResponse)
			if err != nil {
				return nil, err
			}
			diags := flattenCVMQuotas(out.Response, m)
			m.ID = types.StringValue(strings.Join(append([]string{target.Region}, zones...), "/"))
			m.Region = types.StringValue(target.Region)
			return diags, nil
		})
}

// newRequest is the request for zones: the `zone` filter when any are given, sorted so
// that equal sets make equal requests (and share one call).
func newRequest(zones []string) *cvm.DescribeAccountQuotaRequest {
	req := cvm.NewDescribeAccountQuotaRequest()
	if len(zones) == 0 {
		return req
	}
	sort.Strings(zones)
	name := "zone"
	values := make([]*string, len(zones))
	for i := range zones {
		values[i] = &zones[i]
	}
	req.Filters = []*cvm.Filter{{Name: &name, Values: values}}
	return req
}

var _ attrs.Flatten[cvm.DescribeAccountQuotaResponseParams, cvmQuotasModel] = flattenCVMQuotas

// flattenCVMQuotas fills the computed part of m from the answer (id and region are the caller's).
func flattenCVMQuotas(in *cvm.DescribeAccountQuotaResponseParams, m *cvmQuotasModel) diag.Diagnostics {
	if in == nil {
		in = &cvm.DescribeAccountQuotaResponseParams{}
	}
	a := cvmAnswer(in)
	q, l, diags := cvmShape.Values(a)
	m.AppID = types.Int64Value(int64Sat(in.AppId))
	m.Quotas, m.Limits = q, l
	return diags
}

// cvmAnswer reads the answer's sets into the shape's figures, by SPEC's keys.
func cvmAnswer(in *cvm.DescribeAccountQuotaResponseParams) quotas.Answer {
	a := quotas.Answer{Quotas: map[string]quotas.Quota{}, Limits: map[string]float64{}}
	var aq cvm.AccountQuota
	if in.AccountQuotaOverview != nil && in.AccountQuotaOverview.AccountQuota != nil {
		aq = *in.AccountQuotaOverview.AccountQuota
	}
	for _, e := range aq.PostPaidQuotaSet {
		if e != nil {
			addZonal(a.Quotas, "post_paid/"+str(e.Zone), e.TotalQuota, e.UsedQuota, e.RemainingQuota)
		}
	}
	for _, e := range aq.PrePaidQuotaSet {
		if e != nil {
			addZonal(a.Quotas, "pre_paid/"+str(e.Zone), e.TotalQuota, e.UsedQuota, e.RemainingQuota)
			// A limit per order: a zone listed twice keeps the larger.
			once := "pre_paid_once/" + str(e.Zone)
			a.Limits[once] = math.Max(a.Limits[once], num(e.OnceQuota))
		}
	}
	for _, e := range aq.SpotPaidQuotaSet {
		if e != nil {
			addZonal(a.Quotas, "spot_paid/"+str(e.Zone), e.TotalQuota, e.UsedQuota, e.RemainingQuota)
		}
	}
	// The account-wide quotas are fixed keys: zeros when the answer omits them.
	a.Quotas[keyImage], a.Quotas[keyDisasterRecovery] = quotas.Quota{}, quotas.Quota{}
	for _, e := range aq.ImageQuotaSet {
		if e != nil {
			quotas.Add(a.Quotas, keyImage, num(e.TotalQuota), num(e.UsedQuota))
		}
	}
	for _, k := range []string{keyCvmInHostGroup, keyCvmInSwitchGroup, keyCvmInRackGroup} {
		a.Limits[k] = 0
	}
	for _, e := range aq.DisasterRecoverGroupQuotaSet {
		if e == nil {
			continue
		}
		quotas.Add(a.Quotas, keyDisasterRecovery, inum(e.GroupQuota), inum(e.CurrentNum))
		// Limits per group: summing them over entries would overstate what one group holds,
		// so the largest entry stands (the reference shows one entry).
		for k, v := range map[string]*int64{
			keyCvmInHostGroup: e.CvmInHostGroupQuota, keyCvmInSwitchGroup: e.CvmInSwitchGroupQuota, keyCvmInRackGroup: e.CvmInRackGroupQuota,
		} {
			a.Limits[k] = math.Max(a.Limits[k], inum(v))
		}
	}
	return a
}

// addZonal adds one per-zone entry; RemainingQuota, where sent, is `available` as sent. An
// answer listing one zone twice has its figures added, the remaining ones only when both
// entries send one (else limit - used stands).
func addZonal(qs map[string]quotas.Quota, key string, total, used, remaining *uint64) {
	before, seen := qs[key]
	quotas.Add(qs, key, num(total), num(used))
	q := qs[key]
	q.Remaining = nil
	if remaining != nil && (!seen || before.Remaining != nil) {
		r := num(remaining)
		if seen {
			r += *before.Remaining
		}
		q.Remaining = &r
	}
	qs[key] = q
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// num is an omitted count as 0.
func num(p *uint64) float64 {
	if p == nil {
		return 0
	}
	return float64(*p)
}

func inum(p *int64) float64 {
	if p == nil {
		return 0
	}
	return float64(*p)
}

// int64Sat is an omitted number as 0, saturating at the largest int64.
func int64Sat(p *uint64) int64 {
	switch {
	case p == nil:
		return 0
	case *p > math.MaxInt64:
		return math.MaxInt64
	}
	return int64(*p)
}
