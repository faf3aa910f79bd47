package bss

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	bss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bss/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bss/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

var _ datasource.DataSourceWithConfigure = (*subscriptionsDataSource)(nil)

// NewSubscriptionsDataSource is the factory for cloudquota_huaweicloud_subscriptions.
func NewSubscriptionsDataSource() datasource.DataSource {
	return &subscriptionsDataSource{conns.DataSource{TypeName: "_huaweicloud_subscriptions"}}
}

type subscriptionsDataSource struct{ conns.DataSource }

// Cloud is what the shared subscription shape needs to know of Huawei Cloud.
var Cloud = subscriptions.Cloud{
	Name: "Huawei Cloud",
	API: "the billing API BSS `ListPayPerUseCustomerResources` (`POST /v2/orders/suscriptions/resources/query`, " +
		"which despite its name lists the yearly/monthly resources), called with the account's global credentials " +
		"and `only_main_resource = 1`, so that a server's disks and EIPs are not separate rows",
	RegionEnv:      "HW_REGION_NAME",
	Sites:          Sites,
	EndpointKey:    "bss",
	ProductExample: "hws.service.type.hss",
	ProductFilter:  "Sent as `service_type_code`, one request series per code.",
	BatchSize:      maxResourceIDs,
	Coverage: "It covers the yearly/monthly resources that Huawei Cloud's billing center manages (those on its " +
		"renewal page); pay-per-use resources and resource packages are not in it.",
}

// API limits, from the API reference (ListPayPerUseCustomerResources, request parameters):
// resource_ids takes at most 50 ids; limit defaults to 10 and the reference states no
// maximum, so a page of 100 is asked for.
const (
	maxResourceIDs = 50
	pageSize       = 100
	mainOnly       = 1
	// autoRenewPolicy is the expire_policy of a resource that renews itself (3: 到期后自动续费).
	autoRenewPolicy = 3
	// timeLayout is the API's time format: UTC, yyyy-MM-dd'T'HH:mm:ss'Z'.
	timeLayout = "2006-01-02T15:04:05Z"
)

func (d *subscriptionsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = subscriptions.Schema(ctx, Cloud)
	// The API is global: the region only names the IAM endpoint that resolves the account.
	if region, ok := resp.Schema.Attributes["region"].(schema.StringAttribute); ok {
		region.MarkdownDescription += " The billing API is global (`site` chooses its endpoint); the region chooses " +
			"the IAM endpoint that resolves the account (domain) when the provider's `domain_id` is unset."
		resp.Schema.Attributes["region"] = region
	}
}

func (d *subscriptionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *subscriptions.Model) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *subscriptions.Model) (diag.Diagnostics, error) {
			// The moment the provider was configured is "now" for every read of one run, so
			// that identical reads share one call and the window sent is the one checked.
			now := d.Client.Configured()
			series, diags := buildRequests(ctx, m, now)
			if diags.HasError() {
				return diags, nil
			}
			site := Cloud.Host(m.Site.ValueString())
			var items []subscriptions.Item
			seen := map[string]bool{}
			var target conns.Target
			for _, body := range series {
				err := readAll(body, func(page *model.QueryResourcesReq) (*model.ListPayPerUseCustomerResourcesResponse, error) {
					out, t, err := call(ctx, d.Client, site, m.Region.ValueString(), actionList,
						&model.ListPayPerUseCustomerResourcesRequest{Body: page}, (*bss.BssClient).ListPayPerUseCustomerResources)
					target = t
					if err != nil {
						return nil, err
					}
					var got []subscriptions.Item
					diags.Append(flattenPage(out, &got)...)
					// A resource that moves between pages while they are read is listed once.
					for _, it := range got {
						if !seen[it.ID] {
							seen[it.ID] = true
							items = append(items, it)
						}
					}
					return out, nil
				})
				if err != nil {
					return diags, err
				}
			}
			diags.Append(subscriptions.Finish(m, now, items)...)
			m.Region = types.StringValue(target.Region)
			m.ID = types.StringValue(readID(ctx, target, m))
			return diags, nil
		})
}

// readID is where the read went (the account and site) and what it asked, joined by "/".
func readID(ctx context.Context, target conns.Target, m *subscriptions.Model) string {
	products, _ := subscriptions.Strings(ctx, m.Products)
	ids, _ := subscriptions.Strings(ctx, m.ResourceIDs)
	site := m.Site.ValueString()
	if site == "" {
		site = Cloud.Sites[0].Name
	}
	return strings.Join([]string{target.Project, site, strings.Join(products, ","), strings.Join(ids, ","),
		m.ExpiringWithin.ValueString()}, "/")
}

// readAll reads every page of body's series: offset/limit until total_count rows have come
// (or a page comes back empty, or short when total_count is absent).
func readAll(body *model.QueryResourcesReq, get func(*model.QueryResourcesReq) (*model.ListPayPerUseCustomerResourcesResponse, error)) error {
	var offset int32
	for {
		page := *body
		limit := int32(pageSize)
		page.Offset, page.Limit = &offset, &limit
		out, err := get(&page)
		if err != nil {
			return err
		}
		n := 0
		if out != nil && out.Data != nil {
			n = len(*out.Data)
		}
		offset += int32(n)
		switch {
		case n == 0:
			return nil
		case out.TotalCount != nil && offset >= *out.TotalCount:
			return nil
		case out.TotalCount == nil && n < pageSize:
			return nil
		}
	}
}

// buildRequests are the request series of one read, one per product and batch of resource
// ids (products × batches; one of each when unset), each with only_main_resource = 1 and
// the expiry window [now, now+expiring_within] in the API's UTC format when it is set.
func buildRequests(ctx context.Context, m *subscriptions.Model, now time.Time) ([]*model.QueryResourcesReq, diag.Diagnostics) {
	products, diags := subscriptions.Strings(ctx, m.Products)
	ids, d := subscriptions.Strings(ctx, m.ResourceIDs)
	diags.Append(d...)
	start, end, window, d := subscriptions.Window(m, now)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	codes := []*string{nil}
	if len(products) > 0 {
		codes = codes[:0]
		for i := range products {
			codes = append(codes, &products[i])
		}
	}
	var out []*model.QueryResourcesReq
	for _, code := range codes {
		for _, batch := range subscriptions.Batches(ids, maxResourceIDs) {
			main := int32(mainOnly)
			r := &model.QueryResourcesReq{OnlyMainResource: &main, ServiceTypeCode: code}
			if batch != nil {
				b := batch
				r.ResourceIds = &b
			}
			if window {
				// The window's ends are whole seconds: the start rounded down, the end up, so
				// that the API's answer covers the window that Finish checks again.
				b := start.UTC().Truncate(time.Second).Format(timeLayout)
				e := end.UTC().Add(time.Second - 1).Truncate(time.Second).Format(timeLayout)
				r.ExpireTimeBegin, r.ExpireTimeEnd = &b, &e
			}
			out = append(out, r)
		}
	}
	return out, diags
}

var _ attrs.Flatten[model.ListPayPerUseCustomerResourcesResponse, []subscriptions.Item] = flattenPage

// flattenPage lists one page's resources as subscription items: id = resource_id, name =
// resource_name, product = service_type_code, sub_product = resource_type_code, region =
// region_code, status as digits, auto_renew when expire_policy is 3. A field the API omits
// is "". A resource without an expiry time cannot be placed in the list: it is left out
// with a warning naming it.
func flattenPage(in *model.ListPayPerUseCustomerResourcesResponse, items *[]subscriptions.Item) diag.Diagnostics {
	var diags diag.Diagnostics
	if in == nil || in.Data == nil {
		return nil
	}
	for _, r := range *in.Data {
		it := subscriptions.Item{
			ID:         deref(r.ResourceId),
			Name:       deref(r.ResourceName),
			Product:    deref(r.ServiceTypeCode),
			SubProduct: deref(r.ResourceTypeCode),
			Region:     deref(r.RegionCode),
			ExpireTime: deref(r.ExpireTime),
			AutoRenew:  r.ExpirePolicy != nil && *r.ExpirePolicy == autoRenewPolicy,
		}
		if r.Status != nil {
			it.Status = strconv.Itoa(int(*r.Status))
		}
		if it.ExpireTime == "" {
			diags.AddWarning("Subscription without an expiry time",
				fmt.Sprintf("Huawei Cloud BSS listed the resource %q (%s) without an expire_time; it is left out of "+
					"subscriptions.", it.ID, it.Product))
			continue
		}
		*items = append(*items, it)
	}
	return diags
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
