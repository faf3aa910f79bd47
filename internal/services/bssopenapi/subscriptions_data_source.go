// Package bssopenapi holds the Alibaba Cloud BssOpenApi (Expenses and Costs) data sources.
package bssopenapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

var _ datasource.DataSourceWithConfigure = (*subscriptionsDataSource)(nil)

// NewSubscriptionsDataSource is the factory for cloudquota_alicloud_subscriptions.
func NewSubscriptionsDataSource() datasource.DataSource {
	return &subscriptionsDataSource{conns.DataSource{TypeName: "_alicloud_subscriptions"}}
}

type subscriptionsDataSource struct{ conns.DataSource }

const (
	actionQueryAvailableInstances = "QueryAvailableInstances"
	// pageSize is PageSize: the API reference gives 20 as the default and 300 as the most;
	// 100 keeps well within it.
	pageSize = 100
	// batchSize is the most ids InstanceIDs takes ("最大不超过 100 个").
	batchSize = 100
	// autoRenew is the RenewStatus of a subscription that renews itself.
	autoRenew = "AutoRenewal"
	// codeNotApplicable is BssOpenApi's answer to an account of the other site.
	codeNotApplicable = "NotApplicable"
)

// Cloud is what the subscriptions shape needs to know of Alibaba Cloud's BssOpenApi.
var Cloud = subscriptions.Cloud{
	Name:           "Alibaba Cloud",
	API:            "BssOpenApi `QueryAvailableInstances` (version " + APIVersion + "), always with `SubscriptionType = Subscription`",
	RegionEnv:      "ALICLOUD_REGION",
	Sites:          Sites,
	EndpointKey:    "bssopenapi",
	ProductExample: "sas",
	ProductFilter:  "The API filters by one code, so each code is one series of requests.",
	BatchSize:      batchSize,
	Global:         true,
	Coverage: "It lists the subscription instances of the products Alibaba Cloud's billing (Expenses and Costs) " +
		"manages; the API has no instance name, so `name` is `\"\"`. The API is global per site: it is called at " +
		"the `site`'s host without a region. An " +
		"account on the other site is answered `NotApplicable`, which the provider reports as an error saying to " +
		"set `site`. Alibaba publishes no rate limit for this API: the provider keeps to its conservative " +
		"default of 10 calls a second (change it with `rate_limits`).",
}

func (d *subscriptionsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = subscriptions.Schema(ctx, Cloud)
}

// queryAvailableInstancesResponse is QueryAvailableInstances' answer, the fields the API
// reference documents that the data source reads, in the API's spelling. The generated
// bssopenapi-20171214 module is not available, so CallApi's body is decoded into this type.
type queryAvailableInstancesResponse struct {
	RequestID string                `json:"RequestId"`
	Code      string                `json:"Code"`
	Message   string                `json:"Message"`
	Success   *bool                 `json:"Success"`
	Data      *availableInstanceSet `json:"Data"`
}

type availableInstanceSet struct {
	InstanceList []*availableInstance `json:"InstanceList"`
	PageNum      *int64               `json:"PageNum"`
	PageSize     *int64               `json:"PageSize"`
	TotalCount   *int64               `json:"TotalCount"`
}

type availableInstance struct {
	InstanceID       *string `json:"InstanceID"`
	ProductCode      *string `json:"ProductCode"`
	ProductType      *string `json:"ProductType"`
	Region           *string `json:"Region"`
	Status           *string `json:"Status"`
	SubStatus        *string `json:"SubStatus"`
	RenewStatus      *string `json:"RenewStatus"`
	SubscriptionType *string `json:"SubscriptionType"`
	CreateTime       *string `json:"CreateTime"`
	EndTime          *string `json:"EndTime"`
}

// series is one series of pages: a product code ("" = all) and a batch of ids (nil = all).
type series struct {
	product string
	ids     []string
}

func (d *subscriptionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *subscriptions.Model) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *subscriptions.Model) (diag.Diagnostics, error) {
			// The window starts when the provider was configured, so every read of one plan
			// sees the same one (and identical reads share one call).
			now := d.Client.Configured()
			all, window, diags := buildSeries(ctx, m, now)
			if diags.HasError() {
				return diags, nil
			}
			site := siteOf(m)
			answer := instancesAnswer{Now: now}
			var target conns.Target
			for _, s := range all {
				for page := int64(1); ; page++ {
					out, t, err := call(ctx, d.Client, m.Region.ValueString(), site, actionQueryAvailableInstances,
						query(s, window, page), func() *queryAvailableInstancesResponse { return &queryAvailableInstancesResponse{} })
					if err == nil {
						err = refusal(out)
					}
					if err != nil {
						return diags, withSite(err, site)
					}
					target = t
					if out.Data == nil {
						break
					}
					answer.Instances = append(answer.Instances, out.Data.InstanceList...)
					total := attrs.Int64Ptr(out.Data.TotalCount).ValueInt64()
					// The last page: TotalCount reached, or a page short of PageSize (an answer
					// without TotalCount, or one that overstates the list, must not stop early
					// or loop).
					n := int64(len(out.Data.InstanceList))
					if n < pageSize || (total > 0 && page*pageSize >= total) {
						break
					}
				}
			}
			diags.Append(flattenAvailableInstances(&answer, m)...)
			m.Region = types.StringValue(target.Region)
			m.ID = types.StringValue(readID(ctx, site, m))
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

// window is the expiry window as the API takes it, UTC yyyy-MM-ddTHH:mm:ssZ; empty when unset.
type window struct{ start, end string }

const utcLayout = "2006-01-02T15:04:05Z"

// buildSeries turns the arguments into one series per product code and batch of ids, and
// the window when expiring_within is set.
func buildSeries(ctx context.Context, m *subscriptions.Model, now time.Time) ([]series, window, diag.Diagnostics) {
	products, diags := subscriptions.Strings(ctx, m.Products)
	ids, d := subscriptions.Strings(ctx, m.ResourceIDs)
	diags.Append(d...)
	start, end, set, d := subscriptions.Window(m, now)
	diags.Append(d...)
	if diags.HasError() {
		return nil, window{}, diags
	}
	var w window
	if set {
		// Whole seconds: the start rounded down and the end up, so that the API's window
		// holds the provider's; the answer is checked again against the exact one.
		w = window{start.UTC().Format(utcLayout), end.Add(time.Second - 1).UTC().Format(utcLayout)}
	}
	if len(products) == 0 {
		products = []string{""}
	}
	var out []series
	for _, p := range products {
		for _, batch := range subscriptions.Batches(ids, batchSize) {
			out = append(out, series{product: p, ids: batch})
		}
	}
	return out, w, diags
}

// query is page of s as the API's parameters: always subscriptions, never a Region (the
// API is global per site, and a Region would require a ProductCode).
func query(s series, w window, page int64) map[string]string {
	q := map[string]string{
		"SubscriptionType": "Subscription",
		"PageNum":          strconv.FormatInt(page, 10),
		"PageSize":         strconv.Itoa(pageSize),
	}
	if s.product != "" {
		q["ProductCode"] = s.product
	}
	if len(s.ids) > 0 {
		q["InstanceIDs"] = strings.Join(s.ids, ",")
	}
	if w.start != "" {
		q["EndTimeStart"], q["EndTimeEnd"] = w.start, w.end
	}
	return q
}

// readID is the read's identifier: the site and its arguments.
func readID(ctx context.Context, site string, m *subscriptions.Model) string {
	products, _ := subscriptions.Strings(ctx, m.Products)
	ids, _ := subscriptions.Strings(ctx, m.ResourceIDs)
	return strings.Join([]string{site, strings.Join(products, ","), m.ExpiringWithin.ValueString(), strings.Join(ids, ",")}, "/")
}

// refusal is the error of an answer that arrived with HTTP 200 but says it failed
// (Success false with a Code other than Success), as BssOpenApi may answer.
func refusal(out *queryAvailableInstancesResponse) error {
	if out.Success == nil || *out.Success || out.Code == "" || out.Code == "Success" {
		return nil
	}
	return &conns.APIError{
		Cloud: alibaba.Name, Service: Service.Name, Action: actionQueryAvailableInstances,
		HTTPStatus: http.StatusOK, Code: out.Code, Message: out.Message, RequestID: out.RequestID, Attempts: 1,
	}
}

// withSite turns NotApplicable, the answer to an account of the other site, into an error
// that says to set site.
func withSite(err error, site string) error {
	var apiErr *conns.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != codeNotApplicable {
		return err
	}
	other := Sites[0].Name
	if site == other {
		other = Sites[1].Name
	}
	e := *apiErr // the error may be shared by coalesced reads: change a copy
	e.Hint = fmt.Sprintf("BssOpenApi answers NotApplicable to an account of the other site: this read went to "+
		"site %q (%s). Set site = %q in the data source if the account lives on Alibaba Cloud's %s site.",
		site, Service.Sites[site], other, map[string]string{"cn": "China", "intl": "international"}[other])
	return &e
}

// instancesAnswer is what one read gathered: every page of every series, and the moment of
// the read.
type instancesAnswer struct {
	Instances []*availableInstance
	Now       time.Time
}

var _ attrs.Flatten[instancesAnswer, subscriptions.Model] = flattenAvailableInstances

// flattenAvailableInstances fills the computed part of m from the answer: each instance once
// (numbered pages repeat an instance when the list shifts between two of them), its
// fields named as ours, a null as "", the UTC EndTime passed through; subscriptions.Finish
// applies the window, the order and the summaries. An instance without an EndTime cannot be
// placed and is left out with a warning naming it.
func flattenAvailableInstances(in *instancesAnswer, m *subscriptions.Model) diag.Diagnostics {
	var diags diag.Diagnostics
	items := make([]subscriptions.Item, 0, len(in.Instances))
	seen := map[string]bool{}
	for _, inst := range in.Instances {
		if inst == nil {
			continue
		}
		s := func(p *string) string { return attrs.String(p).ValueString() }
		id := s(inst.InstanceID)
		key := s(inst.ProductCode) + "\x00" + id
		if seen[key] {
			continue
		}
		seen[key] = true
		if s(inst.EndTime) == "" {
			diags.AddWarning("Subscription without an expiry time",
				fmt.Sprintf("Alibaba Cloud listed instance %q (%s) without an EndTime; it is not in subscriptions.",
					id, s(inst.ProductCode)))
			continue
		}
		items = append(items, subscriptions.Item{
			ID:         id,
			Name:       "", // the API has none
			Product:    s(inst.ProductCode),
			SubProduct: s(inst.ProductType),
			Region:     s(inst.Region),
			Status:     s(inst.Status),
			ExpireTime: s(inst.EndTime),
			AutoRenew:  s(inst.RenewStatus) == autoRenew,
		})
	}
	diags.Append(subscriptions.Finish(m, in.Now, items)...)
	return diags
}
