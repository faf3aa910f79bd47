package subscriptions_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

var now = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

func TestDaysLeft(t *testing.T) {
	cases := []struct {
		name string
		at   time.Time
		want int64
	}{
		{"an hour ahead", now.Add(time.Hour), 0},
		{"exactly one day", now.Add(24 * time.Hour), 1},
		{"a day less a second", now.Add(24*time.Hour - time.Second), 0},
		{"ten and a half days", now.Add(252 * time.Hour), 10},
		{"now", now, 0},
		{"a second ago", now.Add(-time.Second), -1},
		{"a day and a second ago", now.Add(-24*time.Hour - time.Second), -2},
		{"across a day boundary in +08:00", time.Date(2026, 12, 5, 1, 0, 0, 0, time.FixedZone("", 8*3600)), 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := subscriptions.DaysLeft(now, tc.at); got != tc.want {
				t.Errorf("DaysLeft = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestBatches(t *testing.T) {
	ids := make([]string, 0, 120)
	for i := range 120 {
		ids = append(ids, string(rune('a'+i%26))+string(rune('0'+i/26)))
	}
	cases := []struct {
		ids   []string
		n     int
		sizes []int
	}{
		{nil, 50, []int{0}},
		{ids[:50], 50, []int{50}},
		{ids[:51], 50, []int{50, 1}},
		{ids, 50, []int{50, 50, 20}},
		{ids, 100, []int{100, 20}},
	}
	for _, tc := range cases {
		got := subscriptions.Batches(tc.ids, tc.n)
		if len(got) != len(tc.sizes) {
			t.Fatalf("%d ids by %d: %d batches, want %d", len(tc.ids), tc.n, len(got), len(tc.sizes))
		}
		for i, b := range got {
			if len(b) != tc.sizes[i] {
				t.Errorf("%d ids by %d: batch %d has %d, want %d", len(tc.ids), tc.n, i, len(b), tc.sizes[i])
			}
		}
	}
}

func TestFinish(t *testing.T) {
	items := []subscriptions.Item{
		{ID: "b", ExpireTime: "2026-12-14T12:00:00Z", AutoRenew: true},
		{ID: "a", ExpireTime: "2026-12-14T12:00:00Z"},
		{ID: "old", ExpireTime: "2026-11-30T12:00:00Z", Status: "5"},
		{ID: "far", ExpireTime: "2027-06-01T00:00:00Z"},
		{ID: "bj", ExpireTime: "2026-12-05T08:00:00+08:00"},
	}
	cases := []struct {
		name    string
		within  string
		ids     []string
		days    []int64
		expired []bool
	}{
		{"no window: everything, ordered by expiry then id", "",
			[]string{"old", "bj", "a", "b", "far"}, []int64{-4, 0, 10, 10, 178}, []bool{true, false, false, false, false}},
		{"window of 30 days drops the expired and the far", "720h",
			[]string{"bj", "a", "b"}, []int64{0, 10, 10}, []bool{false, false, false}},
		{"window of an hour: none", "1h", []string{}, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := subscriptions.Model{ExpiringWithin: attrs.Duration{}}
			if tc.within != "" {
				d, _ := time.ParseDuration(tc.within)
				m.ExpiringWithin = attrs.DurationValue(d)
			}
			if diags := subscriptions.Finish(&m, now, items); diags.HasError() {
				t.Fatal(diags)
			}
			if got := m.TotalCount.ValueInt64(); got != int64(len(tc.ids)) {
				t.Fatalf("count = %d, want %d", got, len(tc.ids))
			}
			for i, id := range tc.ids {
				s := m.Subscriptions[i]
				if s.ID.ValueString() != id || s.DaysLeft.ValueInt64() != tc.days[i] || s.Expired.ValueBool() != tc.expired[i] {
					t.Errorf("[%d] = %s days %d expired %v, want %s days %d expired %v", i, s.ID, s.DaysLeft, s.Expired,
						id, tc.days[i], tc.expired[i])
				}
			}
			wantSoonest, wantMin := "", int64(0)
			if len(tc.ids) > 0 {
				wantSoonest, wantMin = m.Subscriptions[0].ExpireTime.ValueString(), tc.days[0]
			}
			if m.SoonestExpireTime.ValueString() != wantSoonest || m.MinDaysLeft.ValueInt64() != wantMin {
				t.Errorf("soonest %s min %d, want %s %d", m.SoonestExpireTime, m.MinDaysLeft, wantSoonest, wantMin)
			}
		})
	}
}

func TestFinishRefusesBadTime(t *testing.T) {
	var m subscriptions.Model
	if diags := subscriptions.Finish(&m, now, []subscriptions.Item{{ID: "x", ExpireTime: "2026-12-14 12:00:00"}}); !diags.HasError() {
		t.Error("no error for a time that is not RFC 3339")
	}
}

// The shared model matches the shared schema, so every cloud's data source can use both.
func TestModelMatchesSchema(t *testing.T) {
	ctx := context.Background()
	s := subscriptions.Schema(ctx, subscriptions.Cloud{Name: "Test Cloud", RegionEnv: "X_REGION",
		Sites: []subscriptions.Site{{Name: "cn", Host: "a.example"}, {Name: "intl", Host: "b.example"}}, BatchSize: 100})
	if diags := s.ValidateImplementation(ctx); diags.HasError() {
		t.Fatal(diags)
	}
	m := subscriptions.Model{Timeouts: attrs.NullTimeouts(), Products: types.SetNull(types.StringType),
		ResourceIDs: types.SetNull(types.StringType)}
	if diags := subscriptions.Finish(&m, now, nil); diags.HasError() {
		t.Fatal(diags)
	}
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	if diags := state.Set(ctx, &m); diags.HasError() {
		t.Fatalf("model does not match schema: %v", diags)
	}
}

// A global API's region is described as unused; a regional one keeps the common wording.
func TestSchemaRegion(t *testing.T) {
	ctx := context.Background()
	c := subscriptions.Cloud{Name: "Tencent Cloud", RegionEnv: "TENCENTCLOUD_REGION", Sites: []subscriptions.Site{{Name: "cn", Host: "h"}}}
	regional := subscriptions.Schema(ctx, c).Attributes["region"].GetMarkdownDescription()
	c.Global = true
	global := subscriptions.Schema(ctx, c).Attributes["region"].GetMarkdownDescription()
	if regional != attrs.Region(c.Name, c.RegionEnv).MarkdownDescription || !strings.HasPrefix(global, "Not used") ||
		!strings.Contains(global, "TENCENTCLOUD_REGION") {
		t.Errorf("regional %q, global %q", regional, global)
	}
}
