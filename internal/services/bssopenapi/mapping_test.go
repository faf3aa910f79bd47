package bssopenapi

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

// referenceAnswer is assembled from the example values of the response fields in the
// QueryAvailableInstances API reference (BssOpenApi 2017-12-14), which publishes no complete
// example answer.
const referenceAnswer = `{"Code":"Success","Message":"Successful!","RequestId":"C7C15585-8349-4C62-BEE4-5A391841B9BE","Success":true,
"Data":{"PageNum":1,"PageSize":10,"TotalCount":1,"InstanceList":[{"CreateTime":"2019-09-08T16:00:00Z","EndTime":"2019-09-08T16:00:00Z",
"ExpectedReleaseTime":"2019-09-08T16:00:00Z","InstanceID":"1049056","OwnerId":325352345,"ProductCode":"rds","ProductType":"rds",
"Region":"cn-hangzhou","ReleaseTime":"2019-09-08T16:00:00Z","RenewStatus":"ManualRenewal","RenewalDuration":1,"RenewalDurationUnit":"M",
"Seller":"123123123","SellerId":123123123,"Status":"Normal","StopTime":"2019-09-08T16:00:00Z","SubStatus":"Normal","SubscriptionType":"Subscription"}]}}`

func decode(t testing.TB, raw string) *queryAvailableInstancesResponse {
	return attrstest.Decode[queryAvailableInstancesResponse](t, raw)
}

func instances(t testing.TB, raw string) []*availableInstance {
	if d := decode(t, raw).Data; d != nil {
		return d.InstanceList
	}
	return nil
}

// within is expiring_within as configured; "" is unset.
func within(s string) attrs.Duration {
	if s == "" {
		return attrs.Duration{}
	}
	d, _ := time.ParseDuration(s)
	return attrs.DurationValue(d)
}

// at is a fixed moment of the read.
var at = time.Date(2019, 9, 1, 16, 0, 0, 0, time.UTC)

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

func TestFlattenAvailableInstances(t *testing.T) {
	cases := []struct {
		name     string
		raw      string
		within   string
		now      time.Time
		want     []row
		warnings int
		errors   bool
	}{
		{
			name: "reference fields: named as ours, no name, UTC passed through, ManualRenewal is not auto",
			raw:  referenceAnswer, now: at,
			want: []row{{"1049056", "", "rds", "rds", "cn-hangzhou", "Normal", "2019-09-08T16:00:00Z", 7, false, false}},
		},
		{
			name: "read after expiry: negative days_left, expired",
			raw:  referenceAnswer, now: time.Date(2019, 9, 10, 15, 0, 0, 0, time.UTC),
			want: []row{{"1049056", "", "rds", "rds", "cn-hangzhou", "Normal", "2019-09-08T16:00:00Z", -2, true, false}},
		},
		{
			name: "nulls read as empty strings; statuses as sent; only AutoRenewal renews; ordered by expiry then id; repeats once",
			raw: `{"Data":{"InstanceList":[
				{"InstanceID":"b","ProductCode":"sas","ProductType":null,"Region":null,"Status":"WaitForExpire","RenewStatus":"AutoRenewal","EndTime":"2019-09-02T16:00:00Z"},
				{"InstanceID":"a","ProductCode":"rds","ProductType":"rds","Region":"cn-shanghai","Status":null,"RenewStatus":null,"EndTime":"2019-09-02T16:00:00Z"},
				{"InstanceID":"c","ProductCode":"ecs","Status":"Expired","RenewStatus":"NotRenewal","EndTime":"2019-09-01T15:59:59Z"},
				{"InstanceID":"b","ProductCode":"sas","ProductType":null,"Region":null,"Status":"WaitForExpire","RenewStatus":"AutoRenewal","EndTime":"2019-09-02T16:00:00Z"}]}}`,
			now: at,
			want: []row{
				{"c", "", "ecs", "", "", "Expired", "2019-09-01T15:59:59Z", -1, true, false},
				{"a", "", "rds", "rds", "cn-shanghai", "", "2019-09-02T16:00:00Z", 1, false, false},
				{"b", "", "sas", "", "", "WaitForExpire", "2019-09-02T16:00:00Z", 1, false, true},
			},
		},
		{
			name: "the window is checked again: what the API sent outside it is left out",
			raw: `{"Data":{"InstanceList":[
				{"InstanceID":"before","EndTime":"2019-09-01T15:59:59Z"},
				{"InstanceID":"in","EndTime":"2019-10-01T16:00:00Z"},
				{"InstanceID":"after","EndTime":"2019-10-01T16:00:01Z"}]}}`,
			within: "720h", now: at,
			want: []row{{"in", "", "", "", "", "", "2019-10-01T16:00:00Z", 30, false, false}},
		},
		{
			name: "days_left rounds down across a day boundary",
			raw:  `{"Data":{"InstanceList":[{"InstanceID":"a","EndTime":"2019-09-02T15:59:59Z"}]}}`,
			now:  at,
			want: []row{{"a", "", "", "", "", "", "2019-09-02T15:59:59Z", 0, false, false}},
		},
		{
			name: "an instance without an EndTime is left out with a warning", now: at,
			raw: `{"Data":{"InstanceList":[{"InstanceID":"a"},null]}}`, want: []row{}, warnings: 1,
		},
		{
			name: "an EndTime that is not RFC 3339 is an error naming the instance", now: at,
			raw: `{"Data":{"InstanceList":[{"InstanceID":"a","EndTime":"2019-09-02 16:00:00"}]}}`, errors: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := subscriptions.Model{ExpiringWithin: within(tc.within)}
			diags := flattenAvailableInstances(&instancesAnswer{Instances: instances(t, tc.raw), Now: tc.now}, &m)
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
		})
	}
}

// The series and queries: one series per product and batch of 100 ids, always
// subscriptions, never a Region, the window in UTC whole seconds holding the exact one.
func TestBuildSeriesAndQuery(t *testing.T) {
	ctx := context.Background()
	var ids []string
	for i := range 150 {
		ids = append(ids, "i-"+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	idSet, _ := types.SetValueFrom(ctx, types.StringType, ids)
	products, _ := types.SetValueFrom(ctx, types.StringType, []string{"sas", "rds"})
	m := subscriptions.Model{ResourceIDs: idSet, Products: products, ExpiringWithin: within("720h")}
	now := time.Date(2019, 9, 1, 16, 0, 0, 500_000_000, time.UTC)
	all, w, diags := buildSeries(ctx, &m, now)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(all) != 4 || all[0].product != "rds" || len(all[0].ids) != 100 || len(all[1].ids) != 50 || all[2].product != "sas" {
		t.Fatalf("series %+v, want rds and sas, each in batches of 100 and 50 ids", all)
	}
	q := query(all[1], w, 2)
	want := map[string]string{"SubscriptionType": "Subscription", "PageNum": "2", "PageSize": "100", "ProductCode": "rds",
		"EndTimeStart": "2019-09-01T16:00:00Z", "EndTimeEnd": "2019-10-01T16:00:01Z"}
	for k, v := range want {
		if q[k] != v {
			t.Errorf("%s = %q, want %q", k, q[k], v)
		}
	}
	if _, ok := q["Region"]; ok || len(strings.Split(q["InstanceIDs"], ",")) != 50 {
		t.Errorf("query %v: want no Region and 50 InstanceIDs", q)
	}
	m = subscriptions.Model{ResourceIDs: types.SetNull(types.StringType), Products: types.SetNull(types.StringType)}
	all, w, _ = buildSeries(ctx, &m, now)
	q = query(all[0], w, 1)
	for _, k := range []string{"ProductCode", "InstanceIDs", "EndTimeStart", "EndTimeEnd", "Region"} {
		if _, ok := q[k]; ok || len(all) != 1 {
			t.Errorf("unfiltered query %v has %s", q, k)
		}
	}
}

// NotApplicable says to set the other site; an answer of 200 with Success false is an
// error with its code and request ID; other errors are left alone.
func TestRefusals(t *testing.T) {
	for site, other := range map[string]string{"cn": "intl", "intl": "cn"} {
		orig := &conns.APIError{Code: "NotApplicable"}
		var got *conns.APIError
		if !errors.As(withSite(orig, site), &got) || !strings.Contains(got.Hint, `site = "`+other+`"`) || orig.Hint != "" {
			t.Errorf("site %s: hint %q", site, got.Hint)
		}
	}
	other := &conns.APIError{Code: "InvalidParameter"}
	if withSite(other, "cn") != error(other) {
		t.Error("an unrelated error was changed")
	}
	err := refusal(decode(t, `{"Code":"NotApplicable","Message":"This API is not applicable for caller.","RequestId":"R1","Success":false}`))
	var apiErr *conns.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "NotApplicable" || apiErr.RequestID != "R1" || apiErr.Action != actionQueryAvailableInstances {
		t.Errorf("refusal = %v", err)
	}
	if refusal(decode(t, referenceAnswer)) != nil {
		t.Error("a successful answer was refused")
	}
}

// The model struct must match the schema exactly; State.Set refuses any missing or extra field.
func TestModelMatchesSchema(t *testing.T) {
	m := subscriptions.Model{Timeouts: attrs.NullTimeouts(), Products: types.SetNull(types.StringType),
		ResourceIDs: types.SetNull(types.StringType), ExpiringWithin: attrs.Duration{}, Site: types.StringNull()}
	flattenAvailableInstances(&instancesAnswer{Instances: instances(t, referenceAnswer), Now: at}, &m)
	m.ID, m.Region = types.StringValue("cn///"), types.StringValue("")
	attrstest.CheckModel(t, NewSubscriptionsDataSource(), &m)
}
