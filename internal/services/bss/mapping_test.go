package bss

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bss/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

var now = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// answer is an answer as the API reference's response fields describe it (no complete
// example is published): every field of OrderInstanceV2, and one resource with nulls.
const answer = `{"total_count":3,"data":[
{"id":"e3d1f4c2","resource_id":"hss-1","resource_name":"hss-enterprise-quota","region_code":"cn-north-4",
 "service_type_code":"hws.service.type.hss","resource_type_code":"hws.resource.type.hss.quota",
 "resource_type_name":"HSS quota","service_type_name":"Host Security Service","resource_spec_code":"hss.version.enterprise",
 "project_id":"0605767a","product_id":"00301","parent_resource_id":"","is_main_resource":1,"status":2,
 "effective_time":"2025-12-04T12:00:00Z","expire_time":"2026-12-14T12:00:00Z","expire_policy":0,
 "product_spec_desc":"Enterprise edition","spec_size":1.5,"spec_size_measure_id":0,"update_time":"2025-12-04T12:00:00Z",
 "enterprise_project":{"id":"0","name":"default"}},
{"resource_id":"ecs-1","resource_name":"ecs-web-01","region_code":"cn-east-3","service_type_code":"hws.service.type.ec2",
 "resource_type_code":"hws.resource.type.vm","status":4,"expire_time":"2026-12-05T11:59:59Z","expire_policy":3},
{"resource_id":"bare","expire_time":"2026-12-01T12:00:00Z","resource_name":null,"status":null,"expire_policy":null}
]}`

func TestFlattenPage(t *testing.T) {
	var items []subscriptions.Item
	if diags := flattenPage(attrstest.Decode[model.ListPayPerUseCustomerResourcesResponse](t, answer), &items); diags.HasError() {
		t.Fatal(diags)
	}
	want := []subscriptions.Item{
		{ID: "hss-1", Name: "hss-enterprise-quota", Product: "hws.service.type.hss", SubProduct: "hws.resource.type.hss.quota",
			Region: "cn-north-4", Status: "2", ExpireTime: "2026-12-14T12:00:00Z"},
		{ID: "ecs-1", Name: "ecs-web-01", Product: "hws.service.type.ec2", SubProduct: "hws.resource.type.vm",
			Region: "cn-east-3", Status: "4", ExpireTime: "2026-12-05T11:59:59Z", AutoRenew: true},
		{ID: "bare", ExpireTime: "2026-12-01T12:00:00Z"},
	}
	if !slices.Equal(items, want) {
		t.Errorf("items\n got %+v\nwant %+v", items, want)
	}
}

// Only expire_policy 3 (renewed automatically at expiry) is auto-renewal.
func TestAutoRenewRule(t *testing.T) {
	for policy := int32(0); policy <= 5; policy++ {
		var items []subscriptions.Item
		flattenPage(&model.ListPayPerUseCustomerResourcesResponse{Data: &[]model.OrderInstanceV2{
			{ResourceId: ptr("r"), ExpireTime: ptr("2027-01-01T00:00:00Z"), ExpirePolicy: &policy},
		}}, &items)
		if items[0].AutoRenew != (policy == 3) {
			t.Errorf("expire_policy %d: auto_renew %v", policy, items[0].AutoRenew)
		}
	}
}

// A resource without an expiry time cannot be ordered or counted down: it is left out with
// a warning naming it, and the rest is kept.
func TestFlattenPageWithoutExpiry(t *testing.T) {
	var items []subscriptions.Item
	diags := flattenPage(&model.ListPayPerUseCustomerResourcesResponse{Data: &[]model.OrderInstanceV2{
		{ResourceId: ptr("no-expiry")}, {ResourceId: ptr("ok"), ExpireTime: ptr("2027-01-01T00:00:00Z")},
	}}, &items)
	if diags.HasError() || diags.WarningsCount() != 1 || !strings.Contains(diags[0].Detail(), `"no-expiry"`) {
		t.Errorf("diagnostics %v", diags)
	}
	if len(items) != 1 || items[0].ID != "ok" {
		t.Errorf("items %+v", items)
	}
	if d := flattenPage(nil, &items); d.HasError() || len(items) != 1 {
		t.Errorf("a nil answer: %v, %+v", d, items)
	}
}

// The mapped answer, finished at now: ordered by expiry then id, days_left rounded down
// across a day boundary and negative once expired, the summaries from the first.
func TestFinishedAnswer(t *testing.T) {
	var items []subscriptions.Item
	flattenPage(attrstest.Decode[model.ListPayPerUseCustomerResourcesResponse](t, answer), &items)
	m := subscriptions.Model{Products: types.SetNull(types.StringType), ResourceIDs: types.SetNull(types.StringType),
		Timeouts: attrs.NullTimeouts()}
	if diags := subscriptions.Finish(&m, now, items); diags.HasError() {
		t.Fatal(diags)
	}
	type row struct {
		id      string
		days    int64
		expired bool
	}
	want := []row{{"bare", -3, true}, {"ecs-1", 0, false}, {"hss-1", 10, false}}
	for i, s := range m.Subscriptions {
		if got := (row{s.ID.ValueString(), s.DaysLeft.ValueInt64(), s.Expired.ValueBool()}); got != want[i] {
			t.Errorf("[%d] = %+v, want %+v", i, got, want[i])
		}
		if s.Name.IsNull() || s.Status.IsNull() || s.Region.IsNull() {
			t.Errorf("[%d] has a null string: %+v", i, s)
		}
	}
	if m.TotalCount.ValueInt64() != 3 || m.MinDaysLeft.ValueInt64() != -3 || m.SoonestExpireTime.ValueString() != "2026-12-01T12:00:00Z" {
		t.Errorf("summaries: %v %v %v", m.TotalCount, m.MinDaysLeft, m.SoonestExpireTime)
	}
	attrstest.CheckModel(t, NewSubscriptionsDataSource(), &m)
}

// The window is sent, and checked again: what the API lists outside it (it rounds to whole
// seconds; a real API may be looser) is not in the list.
func TestWindowCheckedAgain(t *testing.T) {
	m := subscriptions.Model{ExpiringWithin: attrs.DurationValue(720 * time.Hour)}
	series, diags := buildRequests(context.Background(), &m, now.Add(500*time.Millisecond))
	if diags.HasError() {
		t.Fatal(diags)
	}
	if b, e := *series[0].ExpireTimeBegin, *series[0].ExpireTimeEnd; b != "2026-12-04T12:00:00Z" || e != "2027-01-03T12:00:01Z" {
		t.Errorf("window sent %s .. %s, want the read's window in whole seconds, rounded outwards", b, e)
	}
	var items []subscriptions.Item
	flattenPage(&model.ListPayPerUseCustomerResourcesResponse{Data: &[]model.OrderInstanceV2{
		{ResourceId: ptr("just-before"), ExpireTime: ptr("2026-12-04T12:00:00Z")},
		{ResourceId: ptr("inside"), ExpireTime: ptr("2026-12-20T00:00:00Z")},
		{ResourceId: ptr("just-after"), ExpireTime: ptr("2027-01-03T12:00:01Z")},
		{ResourceId: ptr("far"), ExpireTime: ptr("2027-06-01T00:00:00Z")},
	}}, &items)
	if diags := subscriptions.Finish(&m, now.Add(500*time.Millisecond), items); diags.HasError() {
		t.Fatal(diags)
	}
	if m.TotalCount.ValueInt64() != 1 || m.Subscriptions[0].ID.ValueString() != "inside" {
		t.Errorf("kept %+v", m.Subscriptions)
	}
}

func TestBuildRequests(t *testing.T) {
	ctx := context.Background()
	set := func(v ...string) types.Set { s, _ := types.SetValueFrom(ctx, types.StringType, v); return s }
	many := make([]string, 120)
	for i := range many {
		many[i] = fmt.Sprintf("id-%03d", i)
	}
	cases := []struct {
		name     string
		m        subscriptions.Model
		products []string
		batches  []int
	}{
		{"nothing set: one request, every product", subscriptions.Model{Products: types.SetNull(types.StringType),
			ResourceIDs: types.SetNull(types.StringType)}, []string{""}, []int{-1}},
		{"one series per product, sorted", subscriptions.Model{Products: set("hws.service.type.waf", "hws.service.type.hss"),
			ResourceIDs: types.SetNull(types.StringType)}, []string{"hws.service.type.hss", "hws.service.type.waf"}, []int{-1, -1}},
		{"ids in batches of 50", subscriptions.Model{Products: types.SetNull(types.StringType), ResourceIDs: set(many...)},
			[]string{"", "", ""}, []int{50, 50, 20}},
		{"products × batches", subscriptions.Model{Products: set("a", "b"), ResourceIDs: set(many[:51]...)},
			[]string{"a", "a", "b", "b"}, []int{50, 1, 50, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			series, diags := buildRequests(ctx, &tc.m, now)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if len(series) != len(tc.products) {
				t.Fatalf("%d requests, want %d", len(series), len(tc.products))
			}
			for i, r := range series {
				if *r.OnlyMainResource != 1 || r.ExpireTimeBegin != nil || r.ExpireTimeEnd != nil {
					t.Errorf("[%d] only_main_resource %d, window %v..%v", i, *r.OnlyMainResource, r.ExpireTimeBegin, r.ExpireTimeEnd)
				}
				if got := deref(r.ServiceTypeCode); got != tc.products[i] {
					t.Errorf("[%d] service_type_code %q, want %q", i, got, tc.products[i])
				}
				n := -1
				if r.ResourceIds != nil {
					n = len(*r.ResourceIds)
				}
				if n != tc.batches[i] {
					t.Errorf("[%d] %d ids, want %d", i, n, tc.batches[i])
				}
			}
		})
	}
}

// Every page is read: offsets advance by what came back until total_count rows have come;
// without total_count, until a short page; an empty page always ends the series.
func TestReadAll(t *testing.T) {
	page := func(n int, total *int32) *model.ListPayPerUseCustomerResourcesResponse {
		data := make([]model.OrderInstanceV2, n)
		return &model.ListPayPerUseCustomerResourcesResponse{Data: &data, TotalCount: total}
	}
	total := int32(250)
	cases := []struct {
		name    string
		pages   []*model.ListPayPerUseCustomerResourcesResponse
		offsets []int32
	}{
		{"three pages by total_count", []*model.ListPayPerUseCustomerResourcesResponse{page(100, &total), page(100, &total), page(50, &total)}, []int32{0, 100, 200}},
		{"no total_count: until a short page", []*model.ListPayPerUseCustomerResourcesResponse{page(100, nil), page(99, nil)}, []int32{0, 100}},
		{"an empty page ends it", []*model.ListPayPerUseCustomerResourcesResponse{page(100, &total), page(0, &total)}, []int32{0, 100}},
		{"nothing", []*model.ListPayPerUseCustomerResourcesResponse{{}}, []int32{0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var offsets []int32
			err := readAll(&model.QueryResourcesReq{}, func(q *model.QueryResourcesReq) (*model.ListPayPerUseCustomerResourcesResponse, error) {
				if *q.Limit != pageSize {
					t.Errorf("limit %d", *q.Limit)
				}
				if len(offsets) == len(tc.pages) {
					t.Fatalf("asked for page %d of %d", len(offsets)+1, len(tc.pages))
				}
				offsets = append(offsets, *q.Offset)
				return tc.pages[len(offsets)-1], nil
			})
			if err != nil || !slices.Equal(offsets, tc.offsets) {
				t.Errorf("offsets %v (err %v), want %v", offsets, err, tc.offsets)
			}
		})
	}
}

// The sites are SPEC's hosts, the first the default.
func TestSites(t *testing.T) {
	want := map[string]string{"": "bss.myhuaweicloud.com", "cn": "bss.myhuaweicloud.com",
		"intl": "bss-intl.myhuaweicloud.com", "eu": "bss.myhuaweicloud.eu"}
	for site, host := range want {
		if got := Cloud.Host(site); got != host {
			t.Errorf("site %q: %s, want %s", site, got, host)
		}
	}
}

func ptr[T any](v T) *T { return &v }
