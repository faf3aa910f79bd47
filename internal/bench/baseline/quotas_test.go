package main

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/huaweiecs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/huaweievs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/services/huaweivpc"
)

func schemaOf(t *testing.T, ds datasource.DataSource) datasource.SchemaResponse {
	t.Helper()
	var resp datasource.SchemaResponse
	ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp
}

// The floor data sources have exactly the schemas (attribute names, types, nesting) of the
// provider's data sources the bench measures against them, and read without error.
func TestFloorSchemasMatch(t *testing.T) {
	ctx := context.Background()
	floors := quotasFloors()
	for i, real := range []datasource.DataSource{
		huaweiecs.NewQuotasDataSource(), huaweivpc.NewQuotasDataSource(), huaweievs.NewQuotasDataSource(),
	} {
		floor := floors[i]()
		want, got := schemaOf(t, real).Schema.Type().TerraformType(ctx), schemaOf(t, floor).Schema.Type().TerraformType(ctx)
		if !got.Equal(want) {
			t.Errorf("floor %d: schema type\n%s\nwant the provider's\n%s", i, got, want)
		}
		if diags := schemaOf(t, floor).Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Error(diags)
		}
	}
}
