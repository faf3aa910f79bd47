// Command baseline is the benchmark's yardstick: a terraform-plugin-framework provider with
// no data sources, no resources and an empty schema, served exactly as the real provider is
// (protocol 6, providerserver.Serve). Whatever it costs Terraform to start, load and
// configure is the floor any framework provider pays; `make bench` compares the real
// provider against it.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

type baseline struct{}

func (baseline) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "baseline"
	resp.Version = "bench"
}

func (baseline) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{}
}

func (baseline) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

func (baseline) DataSources(context.Context) []func() datasource.DataSource { return nil }

func (baseline) Resources(context.Context) []func() resource.Resource { return nil }

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return baseline{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/cloudquota/baseline"})
	if err != nil {
		log.Fatal(err)
	}
}
