package bssopenapi

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

// Whatever JSON the API sends, mapping never panics, yields no null, keeps the list in
// order, each id once, and the count equal to its length.
func FuzzFlattenAvailableInstances(f *testing.F) {
	f.Add([]byte(referenceAnswer))
	f.Add([]byte(`{"Data":{"InstanceList":[null,{"InstanceID":null,"EndTime":"2019-13-45T25:61:61Z"}],"TotalCount":-1}}`))
	f.Add([]byte(`{"Data":{"InstanceList":[{"InstanceID":"a","EndTime":"2019-09-08T16:00:00+08:00"},{"InstanceID":"a","EndTime":"2019-09-08T16:00:00Z"}]}}`))
	f.Add([]byte(`{"Data":null}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out queryAvailableInstancesResponse
		if json.Unmarshal(raw, &out) != nil || out.Data == nil {
			return
		}
		var m subscriptions.Model
		if flattenAvailableInstances(&instancesAnswer{Instances: out.Data.InstanceList, Now: at}, &m).HasError() {
			return
		}
		if m.TotalCount.ValueInt64() != int64(len(m.Subscriptions)) || m.SoonestExpireTime.IsNull() || m.MinDaysLeft.IsNull() {
			t.Fatalf("summaries %v %v %v for %d subscriptions", m.TotalCount, m.SoonestExpireTime, m.MinDaysLeft, len(m.Subscriptions))
		}
		var last time.Time
		for i, s := range m.Subscriptions {
			if s.ID.IsNull() || s.Name.ValueString() != "" || s.Region.IsNull() || s.Status.IsNull() || s.SubProduct.IsNull() {
				t.Fatalf("null or a name in %+v", s)
			}
			at, err := time.Parse(time.RFC3339, s.ExpireTime.ValueString())
			if err != nil || (i > 0 && at.Before(last)) {
				t.Fatalf("expire_time %q out of order or not RFC 3339", s.ExpireTime.ValueString())
			}
			last = at
		}
	})
}
