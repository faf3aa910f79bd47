package huaweievs

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

func decode(t testing.TB, raw string) *quotaSetResponse {
	return attrstest.Decode[quotaSetResponse](t, raw)
}

type quota struct {
	limit, used, available, reserved float64
	unlimited                        bool
}

func quotasOf(t *testing.T, m types.Map) map[string]quota {
	t.Helper()
	out := map[string]quota{}
	for k, v := range m.Elements() {
		a := v.(types.Object).Attributes()
		out[k] = quota{
			a["limit"].(types.Float64).ValueFloat64(), a["used"].(types.Float64).ValueFloat64(),
			a["available"].(types.Float64).ValueFloat64(), a["reserved"].(types.Float64).ValueFloat64(),
			a["unlimited"].(types.Bool).ValueBool(),
		}
	}
	return out
}

func TestFlattenQuotaSet(t *testing.T) {
	unl := func(used float64) quota { return quota{-1, used, -1, 0, true} }
	cases := []struct {
		name string
		in   *quotaSetResponse
		want map[string]quota
	}{
		{
			name: "the vendor's example: every key but id, -1 unlimited",
			in:   decode(t, seeds.HuaweiEVSQuotaSet),
			want: map[string]quota{
				"gigabytes": {42790, 2792, 39998, 0, false}, "backup_gigabytes": {5120, 51, 5069, 0, false},
				"snapshots": {10, 6, 4, 0, false}, "backups": {100, 10, 90, 0, false}, "volumes": unl(108),
				"gigabytes_SAS": unl(21), "volumes_SATA": unl(8), "snapshots_SAS": unl(0), "volumes_SSD": unl(28),
				"volumes_SAS": unl(2), "snapshots_SSD": unl(0), "gigabytes_SATA": unl(168), "gigabytes_SSD": unl(1085),
				"snapshots_SATA": unl(0),
			},
		},
		{
			name: "types newer than the SDK kept, used above the limit leaves 0, reserved kept, no-quota keys skipped",
			in: decode(t, `{"quota_set":{"id":"p","volumes_GPSSD":{"limit":50,"in_use":12,"reserved":3},
				"gigabytes_ESSD2":{"limit":100,"in_use":150},"per_volume_gigabytes":{"limit":32768,"in_use":0},
				"limit_only":{"limit":5},"in_use_only":{"in_use":5},"flat":7,"nested":{"limit":{"x":1},"in_use":1}}}`),
			want: map[string]quota{
				"volumes_GPSSD": {50, 12, 38, 3, false}, "gigabytes_ESSD2": {100, 150, 0, 0, false},
				"per_volume_gigabytes": {32768, 0, 32768, 0, false},
			},
		},
		{name: "no quota_set: {}", in: decode(t, `{}`), want: map[string]quota{}},
		{name: "nil response: {}", in: nil, want: map[string]quota{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var m quotasModel
			if diags := flattenQuotaSet(tc.in, &m); diags.HasError() {
				t.Fatal(diags)
			}
			got := quotasOf(t, m.Quotas)
			if len(got) != len(tc.want) {
				t.Errorf("%d quotas, want %d: %+v", len(got), len(tc.want), got)
			}
			for k, want := range tc.want {
				if q, ok := got[k]; !ok || q != want {
					t.Errorf("quotas[%s] = %+v (present %v), want %+v", k, q, ok, want)
				}
			}
			if m.Limits.IsNull() || len(m.Limits.Elements()) != 0 {
				t.Errorf("limits = %v, want {}", m.Limits)
			}
		})
	}
}

// A body that is not JSON, or whose quota_set is not an object, is an error, not an empty answer.
func TestDecodeRefusesMalformed(t *testing.T) {
	for _, raw := range []string{`not json`, `{"quota_set":[]}`, `{"quota_set":"x"}`} {
		var r quotaSetResponse
		if err := r.UnmarshalJSON([]byte(raw)); err == nil {
			t.Errorf("%s: no error", raw)
		}
	}
}

func TestModelMatchesSchema(t *testing.T) {
	m := quotasModel{Timeouts: attrs.NullTimeouts()}
	flattenQuotaSet(decode(t, seeds.HuaweiEVSQuotaSet), &m)
	attrstest.CheckModel(t, NewQuotasDataSource(), &m)
}
