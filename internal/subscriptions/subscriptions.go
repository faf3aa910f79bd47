// Package subscriptions is the one shape of the subscription data sources on every cloud:
// their arguments (products, resource_ids, expiring_within, site), the `subscriptions` list
// and its summaries, and the rules that fill them (the expiry window checked again, the
// order, days_left, expired). Each cloud's data source only lists the answer's items.
package subscriptions

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/validate"
)

// Model is the whole model of every subscription data source: the three clouds' data
// sources differ in their calls, not in their shape.
type Model struct {
	ID                types.String        `tfsdk:"id"`
	Region            types.String        `tfsdk:"region"`
	Timeouts          timeouts.Value      `tfsdk:"timeouts"`
	Products          types.Set           `tfsdk:"products"`
	ResourceIDs       types.Set           `tfsdk:"resource_ids"`
	ExpiringWithin    attrs.Duration      `tfsdk:"expiring_within"`
	Site              types.String        `tfsdk:"site"`
	Subscriptions     []SubscriptionModel `tfsdk:"subscriptions"`
	TotalCount        types.Int64         `tfsdk:"total_count"`
	SoonestExpireTime types.String        `tfsdk:"soonest_expire_time"`
	MinDaysLeft       types.Int64         `tfsdk:"min_days_left"`
}

// SubscriptionModel is one element of `subscriptions`.
type SubscriptionModel struct {
	ID         types.String `tfsdk:"id"`
	Name       types.String `tfsdk:"name"`
	Product    types.String `tfsdk:"product"`
	SubProduct types.String `tfsdk:"sub_product"`
	Region     types.String `tfsdk:"region"`
	Status     types.String `tfsdk:"status"`
	ExpireTime types.String `tfsdk:"expire_time"`
	DaysLeft   types.Int64  `tfsdk:"days_left"`
	Expired    types.Bool   `tfsdk:"expired"`
	AutoRenew  types.Bool   `tfsdk:"auto_renew"`
}

// Item is one subscription as a cloud's answer gives it, its fields already named as ours.
type Item struct {
	ID, Name, Product, SubProduct, Region, Status string
	// ExpireTime is RFC 3339 as shown to users: passed through when the cloud sends RFC 3339,
	// converted (Tencent's Beijing time) otherwise.
	ExpireTime string
	AutoRenew  bool
}

// Cloud is what a data source tells Schema about its cloud.
type Cloud struct {
	// Name is the cloud as users know it, such as "Huawei Cloud".
	Name string
	// API names the billing API and action, for the description.
	API string
	// RegionEnv is the cloud's region variable.
	RegionEnv string
	// Sites maps each `site` value to the billing API's global host; the first is the default.
	Sites []Site
	// EndpointKey is the endpoints key that overrides the site's host.
	EndpointKey string
	// ProductExample is an example of the cloud's own product code, such as `hws.service.type.hss`.
	ProductExample string
	// ProductFilter says how `products` is applied (by the API per code, or to the answer).
	ProductFilter string
	// BatchSize is the API's maximum of resource ids per request.
	BatchSize int
	// Coverage says which products the API covers, plainly.
	Coverage string
	// Global, for a billing API that takes no region (one host per site), describes `region`
	// as what it is there: an echo of the configured region, sent nowhere.
	Global bool
}

// Site is one of a cloud's sites and its billing API's host.
type Site struct{ Name, Host string }

// SiteNames are c's `site` values.
func (c Cloud) SiteNames() []string {
	names := make([]string, len(c.Sites))
	for i, s := range c.Sites {
		names[i] = s.Name
	}
	return names
}

// Host is the billing API's host for site ("" = the default site).
func (c Cloud) Host(site string) string {
	for _, s := range c.Sites {
		if s.Name == site {
			return s.Host
		}
	}
	return c.Sites[0].Host
}

// Schema is the data source's schema, the same on every cloud but for c's facts.
func Schema(ctx context.Context, c Cloud) schema.Schema {
	sites := make([]string, len(c.Sites))
	for i, s := range c.Sites {
		sites[i] = fmt.Sprintf("`%s` (`%s`)", s.Name, s.Host)
	}
	str := func(d string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: d, Computed: true}
	}
	region := attrs.Region(c.Name, c.RegionEnv)
	if c.Global {
		region.MarkdownDescription = "Not used: the billing API is global, reached through `site`. Computed: the " +
			"data source's region if set, else the provider's " + c.Name + " region (`" + c.RegionEnv + "`), else `\"\"`."
	}
	return schema.Schema{
		MarkdownDescription: "The yearly/monthly (prepaid) subscriptions of a " + c.Name + " account and when each " +
			"expires, from " + c.API + ". " + c.Coverage + " An empty list means \"none that this API knows of\".\n\n" +
			"To stop a plan when something expires soon, set `expiring_within` and test " +
			"`total_count == 0`; test `total_count` before `min_days_left`, which is `0` when the list is empty.",
		Blocks: map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: map[string]schema.Attribute{
			"id":     attrs.ID(),
			"region": region,
			"products": schema.SetAttribute{
				MarkdownDescription: "Only these products, as the cloud's own product codes (such as `" +
					c.ProductExample + "`), passed through as given. " + c.ProductFilter + " All products when unset.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"resource_ids": schema.SetAttribute{
				MarkdownDescription: fmt.Sprintf("Only these resource or instance ids, sent in batches of %d "+
					"(the API's maximum). All when unset.", c.BatchSize),
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"expiring_within": schema.StringAttribute{
				MarkdownDescription: "Only subscriptions whose expiry falls between the moment of the read and this " +
					"far ahead, as a Go duration such as `\"720h\"` (30 days). Sent as the API's expiry window and " +
					"checked again on the answer. Unset: every subscription the API lists, expired ones included.",
				Optional:   true,
				CustomType: attrs.DurationType{},
				Validators: []validator.String{validate.PositiveDuration()},
			},
			"site": schema.StringAttribute{
				MarkdownDescription: "The " + c.Name + " site the account lives on, which chooses the billing API's " +
					"global endpoint: " + strings.Join(sites, ", ") + ". Default `" + c.Sites[0].Name + "`. `endpoints." +
					c.EndpointKey + "` in the provider block wins over it.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(c.SiteNames()...)},
			},
			"subscriptions": schema.ListNestedAttribute{
				MarkdownDescription: "The subscriptions, ordered by `expire_time`, then `id`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":          str("Resource or instance id."),
					"name":        str("Resource name; `\"\"` where the API has none."),
					"product":     str("The cloud's product code."),
					"sub_product": str("The cloud's sub-product or resource type code."),
					"region":      str("Region of the resource, as the API sends it."),
					"status":      str("Status, as the API sends it (as a string)."),
					"expire_time": str("When it expires, RFC 3339, so that `timecmp()` works on it."),
					"days_left": schema.Int64Attribute{Computed: true, MarkdownDescription: "Whole days from the " +
						"read to `expire_time`, rounded down; negative once expired."},
					"expired": schema.BoolAttribute{Computed: true,
						MarkdownDescription: "`expire_time` is not after the moment of the read."},
					"auto_renew": schema.BoolAttribute{Computed: true,
						MarkdownDescription: "The subscription renews itself when it expires."},
				}},
			},
			// SPEC.md names it `count`, which the framework reserves for the meta-argument at the
			// root of a data source; `total_count` as on cloudquota_metastudio_expiring_resources.
			"total_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "The number of `subscriptions`. " +
				"(Not `count`: Terraform reserves that name for the meta-argument.)"},
			"soonest_expire_time": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The first `expire_time` of the list; `\"\"` when it is empty."},
			"min_days_left": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "The first `days_left` of the list; `0` when it is empty, so test `total_count` first."},
		},
	}
}

// Window is the expiry window of a read at now: [now, now+expiring_within]; ok is false when
// expiring_within is unset.
func Window(m *Model, now time.Time) (start, end time.Time, ok bool, diags diag.Diagnostics) {
	if m.ExpiringWithin.IsNull() || m.ExpiringWithin.IsUnknown() {
		return time.Time{}, time.Time{}, false, nil
	}
	d, diags := m.ExpiringWithin.ValueGoDuration()
	if diags.HasError() {
		return time.Time{}, time.Time{}, false, diags
	}
	return now, now.Add(d), true, nil
}

// Strings is a set attribute's strings, sorted; nil when unset.
func Strings(ctx context.Context, s types.Set) ([]string, diag.Diagnostics) {
	if s.IsNull() || s.IsUnknown() {
		return nil, nil
	}
	var out []string
	diags := s.ElementsAs(ctx, &out, false)
	sort.Strings(out)
	return out, diags
}

// Batches splits ids into batches of at most n; one nil batch (no filter) when ids is empty.
func Batches(ids []string, n int) [][]string {
	if len(ids) == 0 {
		return [][]string{nil}
	}
	var out [][]string
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	return append(out, ids)
}

// Finish fills m's computed attributes from items read at now: it keeps only those within
// the expiry window (when set), orders them by expiry then id, and computes days_left,
// expired and the summaries. An item whose expire_time is not RFC 3339 is an error naming it.
func Finish(m *Model, now time.Time, items []Item) diag.Diagnostics {
	start, end, window, diags := Window(m, now)
	if diags.HasError() {
		return diags
	}
	type row struct {
		Item
		at time.Time
	}
	rows := make([]row, 0, len(items))
	for _, it := range items {
		at, err := time.Parse(time.RFC3339, it.ExpireTime)
		if err != nil {
			diags.AddError("Unusable expiry time in the answer",
				fmt.Sprintf("Subscription %q has the expiry time %q, which is not RFC 3339.", it.ID, it.ExpireTime))
			continue
		}
		if window && (at.Before(start) || at.After(end)) {
			continue
		}
		rows = append(rows, row{it, at})
	}
	if diags.HasError() {
		return diags
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if !rows[i].at.Equal(rows[j].at) {
			return rows[i].at.Before(rows[j].at)
		}
		return rows[i].ID < rows[j].ID
	})
	m.Subscriptions = make([]SubscriptionModel, len(rows))
	for i, r := range rows {
		m.Subscriptions[i] = SubscriptionModel{
			ID:         types.StringValue(r.ID),
			Name:       types.StringValue(r.Name),
			Product:    types.StringValue(r.Product),
			SubProduct: types.StringValue(r.SubProduct),
			Region:     types.StringValue(r.Region),
			Status:     types.StringValue(r.Status),
			ExpireTime: types.StringValue(r.ExpireTime),
			DaysLeft:   types.Int64Value(DaysLeft(now, r.at)),
			Expired:    types.BoolValue(!r.at.After(now)),
			AutoRenew:  types.BoolValue(r.AutoRenew),
		}
	}
	m.TotalCount = types.Int64Value(int64(len(rows)))
	m.SoonestExpireTime = types.StringValue("")
	m.MinDaysLeft = types.Int64Value(0)
	if len(rows) > 0 {
		m.SoonestExpireTime = m.Subscriptions[0].ExpireTime
		m.MinDaysLeft = m.Subscriptions[0].DaysLeft
	}
	return nil
}

// DaysLeft is the whole days from now to at, rounded down: 0 within the last day, -1 within
// the first day after expiry.
func DaysLeft(now, at time.Time) int64 {
	return int64(math.Floor(at.Sub(now).Hours() / 24))
}
