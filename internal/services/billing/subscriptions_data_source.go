// Package billing holds the Tencent Cloud billing data sources.
package billing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	v20180709 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/billing/v20180709"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

var _ datasource.DataSourceWithConfigure = (*subscriptionsDataSource)(nil)

// NewSubscriptionsDataSource is the factory for cloudquota_tencentcloud_subscriptions.
func NewSubscriptionsDataSource() datasource.DataSource {
	return &subscriptionsDataSource{conns.DataSource{TypeName: "_tencentcloud_subscriptions"}}
}

type subscriptionsDataSource struct{ conns.DataSource }

const (
	actionDescribeRenewInstances = "DescribeRenewInstances"
	// pageSize is MaxResults, the API's maximum ("取值范围：1~100").
	pageSize = 100
	// batchSize is the most instance ids InstanceIdList takes ("最多不超过100个").
	batchSize = 100
	// autoRenew is the RenewFlag of a subscription that renews itself.
	autoRenew = "NOTIFY_AND_AUTO_RENEW"
	// Permission is the CAM policy Tencent says a sub-user needs for DescribeRenewInstances.
	Permission = "QcloudFinanceRenewManageFullAccess"
)

// Cloud is what the subscriptions shape needs to know of Tencent Cloud's billing API.
var Cloud = subscriptions.Cloud{
	Name:           "Tencent Cloud",
	API:            "the billing API's `DescribeRenewInstances` (version " + APIVersion + ")",
	RegionEnv:      "TENCENTCLOUD_REGION",
	Sites:          Sites,
	EndpointKey:    "billing",
	ProductExample: "p_cvm",
	ProductFilter:  "The API has no product filter, so the answer is filtered by the provider.",
	BatchSize:      batchSize,
	Global:         true,
	Coverage: "It lists the yearly/monthly instances that Tencent Cloud's renewal management page shows, running " +
		"and isolated (Tencent notes that some products are not covered). A sub-user needs the CAM policy `" + Permission +
		"`. The API is global: it is called at the `site`'s host without a region. Tencent sends `ExpireTime` as `yyyy-MM-dd HH:mm:ss` without " +
		"a zone; like Tencent's other APIs it is read as Beijing time (UTC+8) and reported with its `+08:00` offset, " +
		"and `expiring_within` is sent as a Beijing-time window.",
}

func (d *subscriptionsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = subscriptions.Schema(ctx, Cloud)
}

// beijing is UTC+8, the zone Tencent Cloud writes its times in (a fixed zone, so the result
// does not depend on the host's tzdata).
var beijing = time.FixedZone("UTC+8", 8*60*60)

// tcTime is the API's time layout.
const tcTime = "2006-01-02 15:04:05"

func (d *subscriptionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *subscriptions.Model) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *subscriptions.Model) (diag.Diagnostics, error) {
			// The window starts when the provider was configured, so every read of one plan
			// sees the same one (and identical reads share one call).
			now := d.Client.Configured()
			requests, products, diags := buildRequests(ctx, m, now)
			if diags.HasError() {
				return diags, nil
			}
			site := siteOf(m)
			answer := renewAnswer{Products: products, Now: now}
			var target conns.Target
			for _, r := range requests {
				for {
					out, t, err := call(ctx, d.Client, m.Region.ValueString(), site, actionDescribeRenewInstances, params(r),
						v20180709.NewDescribeRenewInstancesResponse)
					if err != nil {
						return diags, withPermission(err)
					}
					target = t
					if out.Response == nil {
						break
					}
					answer.Instances = append(answer.Instances, out.Response.InstanceList...)
					next := attrs.String(out.Response.NextToken).ValueString()
					if next == "" {
						break
					}
					if r.NextToken != nil && *r.NextToken == next {
						diags.AddError("Tencent Cloud billing sent the same page twice",
							fmt.Sprintf("DescribeRenewInstances answered NextToken %q with the same NextToken; the list "+
								"cannot be read to its end.", next))
						return diags, nil
					}
					r.NextToken = &next
				}
			}
			diags.Append(flattenRenewInstances(&answer, m)...)
			m.Region = types.StringValue(target.Region)
			m.ID = types.StringValue(readID(site, products, requests, m))
			return diags, nil
		})
}

// siteOf is the configured site, or the default one.
func siteOf(m *subscriptions.Model) string {
	if s := m.Site.ValueString(); s != "" {
		return s
	}
	return Sites[0].Name
}

// buildRequests turns the arguments into one request per batch of resource ids, each with
// the expiry window (Beijing time) when expiring_within is set, and the products to keep.
func buildRequests(ctx context.Context, m *subscriptions.Model, now time.Time) ([]*v20180709.DescribeRenewInstancesRequestParams, []string, diag.Diagnostics) {
	products, diags := subscriptions.Strings(ctx, m.Products)
	ids, d := subscriptions.Strings(ctx, m.ResourceIDs)
	diags.Append(d...)
	start, end, window, d := subscriptions.Window(m, now)
	diags.Append(d...)
	if diags.HasError() {
		return nil, nil, diags
	}
	var out []*v20180709.DescribeRenewInstancesRequestParams
	for _, batch := range subscriptions.Batches(ids, batchSize) {
		r := &v20180709.DescribeRenewInstancesRequestParams{MaxResults: ptr(uint64(pageSize))}
		for _, id := range batch {
			r.InstanceIdList = append(r.InstanceIdList, ptr(id))
		}
		if window {
			// Whole seconds: the start rounded down and the end up, so that the API's window
			// holds the provider's; the answer is checked again against the exact one.
			r.ExpireTimeStart = ptr(start.In(beijing).Format(tcTime))
			r.ExpireTimeEnd = ptr(end.Add(time.Second - 1).In(beijing).Format(tcTime))
		}
		out = append(out, r)
	}
	return out, products, diags
}

// params is r as the JSON body the common client sends.
func params(r *v20180709.DescribeRenewInstancesRequestParams) map[string]any {
	raw, _ := json.Marshal(r) // a struct of strings and numbers: cannot fail
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	return out
}

// readID is the read's identifier: the site and its arguments.
func readID(site string, products []string, requests []*v20180709.DescribeRenewInstancesRequestParams, m *subscriptions.Model) string {
	var ids []string
	for _, r := range requests {
		for _, id := range r.InstanceIdList {
			ids = append(ids, *id)
		}
	}
	return strings.Join([]string{site, strings.Join(products, ","), m.ExpiringWithin.ValueString(), strings.Join(ids, ",")}, "/")
}

// withPermission adds to a refusal for missing permission the policy Tencent names for
// this API.
func withPermission(err error) error {
	var apiErr *conns.APIError
	if !errors.As(err, &apiErr) || !(apiErr.Code == "AuthFailure.UnauthorizedOperation" ||
		strings.HasPrefix(apiErr.Code, "UnauthorizedOperation")) {
		return err
	}
	e := *apiErr // the error may be shared by coalesced reads: change a copy
	e.Hint = "The credentials are valid but not allowed this action. Tencent Cloud's API reference for " +
		"DescribeRenewInstances says that a sub-user needs the CAM policy " + Permission + ": attach it to the " +
		"sub-user (or role) whose keys the provider uses."
	return &e
}

// renewAnswer is what one read gathered: every page of every request, the products to keep
// and the moment of the read.
type renewAnswer struct {
	Instances []*v20180709.RenewInstance
	Products  []string
	Now       time.Time
}

var _ attrs.Flatten[renewAnswer, subscriptions.Model] = flattenRenewInstances

// flattenRenewInstances fills the computed part of m from the answer: the instances of the
// products asked for (all when none), their fields named as ours, a null as "", the
// Beijing time in RFC 3339; subscriptions.Finish applies the window, the order and the
// summaries. An instance without an expiry time cannot be placed and is left out with a
// warning naming it.
func flattenRenewInstances(in *renewAnswer, m *subscriptions.Model) diag.Diagnostics {
	var diags diag.Diagnostics
	items := make([]subscriptions.Item, 0, len(in.Instances))
	for _, inst := range in.Instances {
		if inst == nil {
			continue
		}
		s := func(p *string) string { return attrs.String(p).ValueString() }
		product := s(inst.ProductCode)
		if len(in.Products) > 0 && !slices.Contains(in.Products, product) {
			continue
		}
		if s(inst.ExpireTime) == "" {
			diags.AddWarning("Subscription without an expiry time",
				fmt.Sprintf("Tencent Cloud listed instance %q (%s) without an ExpireTime; it is not in subscriptions.",
					s(inst.InstanceId), product))
			continue
		}
		// A time that is neither Tencent's layout nor RFC 3339 is kept as sent, and Finish
		// reports it as an error naming the instance.
		expire, _ := attrs.BeijingTime(s(inst.ExpireTime))
		items = append(items, subscriptions.Item{
			ID:         s(inst.InstanceId),
			Name:       s(inst.InstanceName),
			Product:    product,
			SubProduct: s(inst.SubProductCode),
			Region:     s(inst.RegionCode),
			Status:     s(inst.Status),
			ExpireTime: expire,
			AutoRenew:  s(inst.RenewFlag) == autoRenew,
		})
	}
	diags.Append(subscriptions.Finish(m, in.Now, items)...)
	return diags
}

func ptr[T any](v T) *T { return &v }
