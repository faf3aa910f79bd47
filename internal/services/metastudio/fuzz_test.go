package metastudio

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1/model"
)

// Whatever JSON the API sends, mapping never panics or yields null, and total_count is the
// sum of the counts.
func FuzzFlattenResourcesCount(f *testing.F) {
	f.Add([]byte(`{"resources_count":[{"business_type":"LIVE_2D","count":1,"charging_mode":"ONE_TIME","resource_source":"SP_ALLOCATED"}]}`))
	f.Add([]byte(`{"resources_count":[{"count":3.4e38},{"count":-1},{}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out model.CountTenantResourcesResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m expiringResourcesModel
		flattenResourcesCount(&out, &m)
		resources, total := m.Resources, m.TotalCount
		var sum int64
		for _, r := range resources {
			if r.Count.IsNull() || r.BusinessType.IsNull() {
				t.Fatalf("null in %+v", r)
			}
			sum += r.Count.ValueInt64()
		}
		if total.ValueInt64() != sum {
			t.Fatalf("total_count %d, sum %d", total.ValueInt64(), sum)
		}
	})
}

// Whatever two times a user writes, the window check never panics, and says "ends before
// it starts" exactly for two valid RFC 3339 times in that order; other errors only for a
// time that does not parse.
func FuzzValidateWindow(f *testing.F) {
	f.Add("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z")
	f.Add("2024-02-01T00:00:00+08:00", "2024-01-31T17:00:00Z")
	f.Add("2024-02-01T00:00:00Z", "2024-01-31T23:59:59Z")
	f.Add("not a time", "2024-01-01T00:00:00Z")
	f.Add("", "")
	ctx := context.Background()
	var sr datasource.SchemaResponse
	ds := NewExpiringResourcesDataSource().(*expiringResourcesDataSource)
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	objType, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		f.Fatal("the schema is not an object")
	}
	f.Fuzz(func(t *testing.T, start, end string) {
		values := map[string]tftypes.Value{}
		for name, typ := range objType.AttributeTypes {
			values[name] = tftypes.NewValue(typ, nil)
		}
		values["resource_expire_start_time"] = tftypes.NewValue(tftypes.String, start)
		values["resource_expire_end_time"] = tftypes.NewValue(tftypes.String, end)
		req := datasource.ValidateConfigRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: tftypes.NewValue(objType, values)}}
		var resp datasource.ValidateConfigResponse
		ds.ValidateConfig(ctx, req, &resp)

		s, errS := time.Parse(time.RFC3339, start)
		e, errE := time.Parse(time.RFC3339, end)
		wantWindowErr := errS == nil && errE == nil && e.Before(s)
		gotWindowErr := false
		for _, d := range resp.Diagnostics.Errors() {
			switch {
			case d.Summary() == "Expiry window ends before it starts":
				gotWindowErr = true
			case errS == nil && errE == nil:
				t.Fatalf("window %q .. %q: unexpected error %q: %s", start, end, d.Summary(), d.Detail())
			}
		}
		if gotWindowErr != wantWindowErr {
			t.Fatalf("window %q .. %q: window error = %v, want %v", start, end, gotWindowErr, wantWindowErr)
		}
	})
}
