package billing

import (
	"encoding/json"
	"testing"
	"time"

	v20180709 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/billing/v20180709"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

// Whatever JSON the API sends, mapping never panics, yields no null, keeps the list in
// order and the count equal to its length; a time it cannot read is an error, not a crash.
func FuzzFlattenRenewInstances(f *testing.F) {
	f.Add([]byte(documentedExample), "")
	f.Add([]byte(`{"Response":{"InstanceList":[null,{"InstanceId":null,"ExpireTime":"2025-13-45 25:61:61"}]}}`), "p_cvm")
	f.Add([]byte(`{"Response":{"InstanceList":[{"ExpireTime":"2025-07-06T23:59:59Z"},{"ExpireTime":"2025-07-06 23:59:59"}]}}`), "")
	f.Add([]byte(`{"Response":null}`), "")
	f.Fuzz(func(t *testing.T, raw []byte, product string) {
		var out v20180709.DescribeRenewInstancesResponse
		if json.Unmarshal(raw, &out) != nil || out.Response == nil {
			return
		}
		var products []string
		if product != "" {
			products = []string{product}
		}
		var m subscriptions.Model
		diags := flattenRenewInstances(&renewAnswer{Instances: out.Response.InstanceList, Products: products, Now: at}, &m)
		if diags.HasError() {
			return
		}
		if m.TotalCount.ValueInt64() != int64(len(m.Subscriptions)) || m.SoonestExpireTime.IsNull() || m.MinDaysLeft.IsNull() {
			t.Fatalf("summaries %v %v %v for %d subscriptions", m.TotalCount, m.SoonestExpireTime, m.MinDaysLeft, len(m.Subscriptions))
		}
		var last time.Time
		for i, s := range m.Subscriptions {
			if s.ID.IsNull() || s.Name.IsNull() || s.Region.IsNull() || s.Status.IsNull() || s.Product.IsNull() {
				t.Fatalf("null in %+v", s)
			}
			if product != "" && s.Product.ValueString() != product {
				t.Fatalf("product %q kept, want only %q", s.Product.ValueString(), product)
			}
			at, err := time.Parse(time.RFC3339, s.ExpireTime.ValueString())
			if err != nil || (i > 0 && at.Before(last)) {
				t.Fatalf("expire_time %q out of order or not RFC 3339", s.ExpireTime.ValueString())
			}
			last = at
		}
	})
}
