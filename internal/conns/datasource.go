package conns

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
)

// DataSource is what every data source shares, embedded in each: its type name and the
// provider's client, which Configure takes from the provider data.
type DataSource struct {
	// TypeName follows the provider's name, such as "_hss_resource_quotas".
	TypeName string
	Client   *Client
}

func (d *DataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.TypeName
}

func (d *DataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.Client = FromProviderData(req.ProviderData, &resp.Diagnostics)
}

// Read is the one shape of every data source's Read, so that each writes only its call and
// its ID: the configuration into a model M, the read bounded by its timeouts.read, then read
// (which calls the API and flattens the answer into m); an API error becomes one diagnostic,
// and the state is saved unless read reported an error.
func Read[M any](ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse,
	readTimeouts func(m *M) timeouts.Value, read func(ctx context.Context, m *M) (diag.Diagnostics, error),
) {
	var m M
	resp.Diagnostics.Append(attrs.GetConfig(ctx, req.Config, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := attrs.ReadContext(ctx, readTimeouts(&m), &resp.Diagnostics)
	defer cancel()
	// A read that waited long on a rate limit says so, whether it then succeeded or not.
	ctx, waited := withWaits(ctx)
	diags, err := read(ctx, &m)
	resp.Diagnostics.Append(waited.warnings()...)
	resp.Diagnostics.Append(diags...)
	if err != nil {
		AddError(&resp.Diagnostics, err)
		return
	}
	if diags.HasError() {
		return
	}
	resp.Diagnostics.Append(attrs.SetState(ctx, &resp.State, &m)...)
}
