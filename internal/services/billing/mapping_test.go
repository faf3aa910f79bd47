package billing

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	v20180709 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/billing/v20180709"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

// documentedExample is the example answer of DescribeRenewInstances in Tencent's API
// reference (document 555/78424), verbatim.
const documentedExample = `{
    "Response": {
        "InstanceList": [
            {
                "ExpireTime": "2025-07-06 23:59:59",
                "InstanceId": "std_storage-20241106185002290002691-0",
                "InstanceName": "",
                "ProductCode": "p_cos",
                "ProductName": "COS u5bf9u8c61u5b58u50a8",
                "ProjectName": "u9ed8u8ba4u9879u76ee",
                "RegionCode": "ap-others",
                "RenewFlag": "DISABLE_NOTIFY_AND_MANUAL_RENEW",
                "RenewPeriod": 1,
                "RenewPeriodUnit": "m",
                "Status": "NORMAL",
                "SubProductCode": "sp_cos_pkg_std_new"
            }
        ],
        "NextToken": null,
        "RequestId": "6e1a3451-b75c-4d7d-bbbd-e363682ab0af"
    }
}`

func decode(t testing.TB, raw string) []*v20180709.RenewInstance {
	return attrstest.Decode[v20180709.DescribeRenewInstancesResponse](t, raw).Response.InstanceList
}

// within is expiring_within as configured; "" is unset.
func within(s string) attrs.Duration {
	if s == "" {
		return attrs.Duration{}
	}
	d, _ := time.ParseDuration(s)
	return attrs.DurationValue(d)
}

// at is a fixed moment of the read: 2025-07-01 12:00 Beijing time.
var at = time.Date(2025, 7, 1, 4, 0, 0, 0, time.UTC)

type row struct {
	id, name, product, subProduct, region, status, expire string
	daysLeft                                              int64
	expired, autoRenew                                    bool
}

func rows(m *subscriptions.Model) []row {
	out := make([]row, len(m.Subscriptions))
	for i, s := range m.Subscriptions {
		out[i] = row{s.ID.ValueString(), s.Name.ValueString(), s.Product.ValueString(), s.SubProduct.ValueString(),
			s.Region.ValueString(), s.Status.ValueString(), s.ExpireTime.ValueString(), s.DaysLeft.ValueInt64(),
			s.Expired.ValueBool(), s.AutoRenew.ValueBool()}
	}
	return out
}

func TestFlattenRenewInstances(t *testing.T) {
	cases := []struct {
		name     string
		raw      string
		products []string
		within   string
		now      time.Time
		want     []row
		warnings int
		errors   bool
	}{
		{
			name: "documented example: fields named as ours, Beijing time with +08:00, not auto-renewed",
			raw:  documentedExample, now: at,
			want: []row{{"std_storage-20241106185002290002691-0", "", "p_cos", "sp_cos_pkg_std_new", "ap-others", "NORMAL",
				"2025-07-06T23:59:59+08:00", 5, false, false}},
		},
		{
			name: "documented example read after it expired: negative days_left, expired",
			raw:  documentedExample, now: time.Date(2025, 7, 8, 0, 0, 0, 0, time.UTC),
			want: []row{{"std_storage-20241106185002290002691-0", "", "p_cos", "sp_cos_pkg_std_new", "ap-others", "NORMAL",
				"2025-07-06T23:59:59+08:00", -2, true, false}},
		},
		{
			name: "nulls read as empty strings; statuses as sent; only NOTIFY_AND_AUTO_RENEW renews; ordered by expiry then id",
			raw: `{"Response":{"InstanceList":[
				{"InstanceId":"b","InstanceName":null,"ProductCode":"p_cvm","SubProductCode":null,"RegionCode":null,
				 "Status":"ISOLATED","RenewFlag":"NOTIFY_AND_AUTO_RENEW","ExpireTime":"2025-07-02 12:00:00"},
				{"InstanceId":"a","InstanceName":"db","ProductCode":"p_cdb","SubProductCode":"sp_cdb","RegionCode":"ap-shanghai",
				 "Status":null,"RenewFlag":null,"ExpireTime":"2025-07-02 12:00:00"},
				{"InstanceId":"c","ProductCode":"p_cvm","Status":"NORMAL","RenewFlag":"NOTIFY_AND_MANUAL_RENEW",
				 "ExpireTime":"2025-07-01 11:59:59"}],"NextToken":null}}`,
			now: at,
			want: []row{
				{"c", "", "p_cvm", "", "", "NORMAL", "2025-07-01T11:59:59+08:00", -1, true, false},
				{"a", "db", "p_cdb", "sp_cdb", "ap-shanghai", "", "2025-07-02T12:00:00+08:00", 1, false, false},
				{"b", "", "p_cvm", "", "", "ISOLATED", "2025-07-02T12:00:00+08:00", 1, false, true},
			},
		},
		{
			name: "products filter the answer, which has no filter of its own",
			raw: `{"Response":{"InstanceList":[
				{"InstanceId":"a","ProductCode":"p_cdb","ExpireTime":"2025-07-02 12:00:00"},
				{"InstanceId":"b","ProductCode":"p_cvm","ExpireTime":"2025-07-03 12:00:00"}]}}`,
			products: []string{"p_cvm"}, now: at,
			want: []row{{"b", "", "p_cvm", "", "", "", "2025-07-03T12:00:00+08:00", 2, false, false}},
		},
		{
			name: "the window is checked again: what the API sent outside it is left out",
			raw: `{"Response":{"InstanceList":[
				{"InstanceId":"before","ExpireTime":"2025-07-01 11:59:59"},
				{"InstanceId":"in","ExpireTime":"2025-07-31 12:00:00"},
				{"InstanceId":"after","ExpireTime":"2025-07-31 12:00:01"}]}}`,
			within: "720h", now: at,
			want: []row{{"in", "", "", "", "", "", "2025-07-31T12:00:00+08:00", 30, false, false}},
		},
		{
			name: "days_left rounds down across a day boundary",
			raw:  `{"Response":{"InstanceList":[{"InstanceId":"a","ExpireTime":"2025-07-02 11:59:59"}]}}`,
			now:  at,
			want: []row{{"a", "", "", "", "", "", "2025-07-02T11:59:59+08:00", 0, false, false}},
		},
		{
			name:     "an instance without an expiry time is left out with a warning",
			raw:      `{"Response":{"InstanceList":[{"InstanceId":"a","ExpireTime":null},null]}}`,
			now:      at,
			want:     []row{},
			warnings: 1,
		},
		{
			name:   "an expiry time in no known layout is an error naming the instance",
			raw:    `{"Response":{"InstanceList":[{"InstanceId":"a","ExpireTime":"next week"}]}}`,
			now:    at,
			errors: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := subscriptions.Model{ExpiringWithin: within(tc.within)}
			diags := flattenRenewInstances(&renewAnswer{Instances: decode(t, tc.raw), Products: tc.products, Now: tc.now}, &m)
			if diags.HasError() != tc.errors || diags.WarningsCount() != tc.warnings {
				t.Fatalf("diagnostics %v, want errors %t and %d warning(s)", diags, tc.errors, tc.warnings)
			}
			if tc.errors {
				if !strings.Contains(diags.Errors()[0].Detail(), `"a"`) {
					t.Errorf("error %v does not name the instance", diags)
				}
				return
			}
			got := rows(&m)
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("subscriptions[%d] = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
			if m.TotalCount.ValueInt64() != int64(len(tc.want)) {
				t.Errorf("total_count %d, want %d", m.TotalCount.ValueInt64(), len(tc.want))
			}
		})
	}
}

// The requests: ids in batches of 100, MaxResults 100, the window in Beijing time, whole
// seconds holding the exact window.
func TestBuildRequests(t *testing.T) {
	ctx := context.Background()
	var ids []string
	for i := range 250 {
		ids = append(ids, strings.Repeat("x", 3)+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	set, _ := types.SetValueFrom(ctx, types.StringType, ids)
	m := subscriptions.Model{ResourceIDs: set, ExpiringWithin: within("720h"), Products: types.SetNull(types.StringType)}
	now := time.Date(2025, 7, 1, 4, 0, 0, 500_000_000, time.UTC)
	reqs, _, diags := buildRequests(ctx, &m, now)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(reqs) != 3 || len(reqs[0].InstanceIdList) != 100 || len(reqs[1].InstanceIdList) != 100 || len(reqs[2].InstanceIdList) != 50 {
		t.Fatalf("batches of %d requests, want 100, 100, 50 ids", len(reqs))
	}
	for _, r := range reqs {
		if *r.MaxResults != 100 || *r.ExpireTimeStart != "2025-07-01 12:00:00" || *r.ExpireTimeEnd != "2025-07-31 12:00:01" {
			t.Errorf("request %v %q %q, want MaxResults 100 and the window 2025-07-01 12:00:00 .. 2025-07-31 12:00:01", *r.MaxResults, *r.ExpireTimeStart, *r.ExpireTimeEnd)
		}
	}
	p := params(reqs[0])
	if p["ExpireTimeStart"] != "2025-07-01 12:00:00" || p["MaxResults"] != float64(100) || p["NextToken"] != nil {
		t.Errorf("params %v", p)
	}
	// No window and no ids: one request without either.
	m = subscriptions.Model{ResourceIDs: types.SetNull(types.StringType), Products: types.SetNull(types.StringType), ExpiringWithin: attrs.Duration{}}
	reqs, _, _ = buildRequests(ctx, &m, now)
	if len(reqs) != 1 || reqs[0].ExpireTimeStart != nil || reqs[0].InstanceIdList != nil {
		t.Errorf("requests %+v, want one without window or ids", reqs)
	}
}

// A refusal for missing permission names the policy; other errors are left alone.
func TestWithPermission(t *testing.T) {
	for _, code := range []string{"AuthFailure.UnauthorizedOperation", "UnauthorizedOperation.CamNoAuth", "UnauthorizedOperation"} {
		orig := &conns.APIError{Code: code}
		var got *conns.APIError
		if !errors.As(withPermission(orig), &got) || !strings.Contains(got.Hint, Permission) || orig.Hint != "" {
			t.Errorf("%s: hint %q (original changed: %q)", code, got.Hint, orig.Hint)
		}
	}
	other := &conns.APIError{Code: "InvalidParameter"}
	if withPermission(other) != error(other) {
		t.Error("an unrelated error was changed")
	}
}

// The model struct must match the schema exactly; State.Set refuses any missing or extra field.
func TestModelMatchesSchema(t *testing.T) {
	m := subscriptions.Model{Timeouts: attrs.NullTimeouts(), Products: types.SetNull(types.StringType),
		ResourceIDs: types.SetNull(types.StringType), ExpiringWithin: attrs.Duration{}, Site: types.StringNull()}
	flattenRenewInstances(&renewAnswer{Instances: decode(t, documentedExample), Now: at}, &m)
	m.ID, m.Region = types.StringValue("cn///"), types.StringValue("")
	attrstest.CheckModel(t, NewSubscriptionsDataSource(), &m)
}
