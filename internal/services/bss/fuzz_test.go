package bss

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bss/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

// Whatever JSON the API sends, mapping never panics; every resource with an expiry time is
// listed (the others warned about), and finishing either orders them with days_left or
// names the one whose expiry time is not RFC 3339.
func FuzzFlattenPage(f *testing.F) {
	f.Add([]byte(answer))
	f.Add([]byte(`{"data":[{"resource_id":"a","expire_time":"2026-12-05T00:00:00Z","status":-7,"expire_policy":3},{"expire_time":"soon"}]}`))
	f.Add([]byte(`{"data":[{}],"total_count":-1}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out model.ListPayPerUseCustomerResourcesResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var items []subscriptions.Item
		diags := flattenPage(&out, &items)
		if diags.HasError() {
			t.Fatalf("mapping error: %v", diags)
		}
		withExpiry := 0
		if out.Data != nil {
			for _, r := range *out.Data {
				if r.ExpireTime != nil && *r.ExpireTime != "" {
					withExpiry++
				}
			}
		}
		if len(items) != withExpiry || (withExpiry < len(deref2(out.Data)) && diags.WarningsCount() == 0) {
			t.Fatalf("%d resources (%d with an expiry) became %d items, %d warnings", len(deref2(out.Data)), withExpiry, len(items), diags.WarningsCount())
		}
		m := subscriptions.Model{Products: types.SetNull(types.StringType), ResourceIDs: types.SetNull(types.StringType)}
		if diags := subscriptions.Finish(&m, now, items); diags.HasError() {
			for _, it := range items {
				if _, err := time.Parse(time.RFC3339, it.ExpireTime); err != nil {
					return
				}
			}
			t.Fatalf("finish failed on valid times: %v", diags)
		}
		if int(m.TotalCount.ValueInt64()) != len(items) {
			t.Fatalf("total_count %d for %d items", m.TotalCount.ValueInt64(), len(items))
		}
		for i := 1; i < len(m.Subscriptions); i++ {
			if m.Subscriptions[i].DaysLeft.ValueInt64() < m.Subscriptions[i-1].DaysLeft.ValueInt64() {
				t.Fatalf("not ordered by expiry: %+v", m.Subscriptions)
			}
		}
	})
}

func deref2[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}
