// Package attrstest holds the checks every data source's unit tests share.
package attrstest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// CheckModel fails t unless ds's schema is valid and the model m (a pointer) matches it
// exactly: State.Set refuses any missing or extra field.
func CheckModel(t *testing.T, ds datasource.DataSource, m any) {
	t.Helper()
	ctx := context.Background()
	var resp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
	if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatal(diags)
	}
	state := tfsdk.State{Schema: resp.Schema, Raw: tftypes.NewValue(resp.Schema.Type().TerraformType(ctx), nil)}
	if diags := state.Set(ctx, m); diags.HasError() {
		t.Fatalf("model does not match schema: %v", diags)
	}
}

// Decode decodes raw, an API answer as the vendor documents it, into a new T, failing t
// when it does not decode.
func Decode[T any](t testing.TB, raw string) *T {
	t.Helper()
	var out T
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatal(err)
	}
	return &out
}
