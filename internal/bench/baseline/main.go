// Command baseline is the benchmark's yardstick: a terraform-plugin-framework provider with
// one trivial data source (baseline_echo: its output is its input; no I/O) and an empty
// provider schema, served exactly as the real provider is (protocol 6, providerserver.Serve).
// Beside it, baseline_huaweicloud_{ecs,vpc,evs}_quotas have the schemas of the provider's
// Huawei quota data sources and answer constants (quotas.go): the floor of the bench's quota
// scenario, so that its ratio shows the provider's own cost rather than the schema's size.
// Terraform starts a provider whose data sources a plan reads as often as it starts the real
// one, so what a plan of N baseline_echo costs is the floor any framework provider with a data
// source pays for N instances; `make bench` compares the real provider against it.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type baseline struct{}

func (baseline) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "baseline"
	resp.Version = "bench"
}

func (baseline) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The benchmark's yardstick: a framework provider with one trivial data source, `baseline_echo`.",
	}
}

func (baseline) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

func (baseline) DataSources(context.Context) []func() datasource.DataSource {
	return append([]func() datasource.DataSource{func() datasource.DataSource { return echo{} }}, quotasFloors()...)
}

func (baseline) Resources(context.Context) []func() resource.Resource { return nil }

// echo is baseline_echo: output = input, computed without any I/O, so that a read costs only
// what the framework and Terraform cost.
type echo struct{}

type echoModel struct {
	Input  types.String `tfsdk:"input"`
	Output types.String `tfsdk:"output"`
}

func (echo) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_echo"
}

func (echo) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Echoes `input` as `output`: a data source that does nothing but be read.",
		Attributes: map[string]dschema.Attribute{
			"input": dschema.StringAttribute{
				MarkdownDescription: "Any string; null when unset.",
				Optional:            true,
			},
			"output": dschema.StringAttribute{
				MarkdownDescription: "The same as `input`.",
				Computed:            true,
			},
		},
	}
}

func (echo) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m echoModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.Output = m.Input
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return baseline{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/cloudquota/baseline"})
	if err != nil {
		log.Fatal(err)
	}
}
