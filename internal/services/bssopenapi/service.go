package bssopenapi

import (
	"context"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

// APIVersion is the BssOpenApi version the data source calls.
const APIVersion = "2017-12-14"

// Sites are Alibaba Cloud's sites and BssOpenApi's one host on each: the China site's
// business.aliyuncs.com and the international site's business.ap-southeast-1.aliyuncs.com
// (Expenses and Costs API reference, endpoints). An account lives on one of them; the other
// answers NotApplicable.
var Sites = []subscriptions.Site{
	{Name: "cn", Host: "business.aliyuncs.com"},
	{Name: "intl", Host: "business.ap-southeast-1.aliyuncs.com"},
}

// Service is BssOpenApi (Expenses and Costs) as the alicloud block and the call policy know
// it: OpenAPI 2017-12-14 in RPC style (as Alibaba's generated BssOpenApi client calls it),
// endpoints.bssopenapi, a global host per site. Alibaba publishes no rate limit for
// QueryAvailableInstances (the API reference has none, and its flow-control row is not
// published), so it gets conns.DefaultLimit, named as such.
var Service = alibaba.Register(&alibaba.Service{
	Name:       "BssOpenApi",
	Title:      "Expenses and Costs",
	Product:    "BssOpenApi",
	Endpoint:   "bssopenapi",
	APIVersion: APIVersion,
	Sites:      siteHosts(),
	Limits: conns.Limits{
		"QueryAvailableInstances": {N: conns.DefaultLimit.N, Window: conns.DefaultLimit.Window,
			Source: "the conservative default: Alibaba publishes no rate limit for BssOpenApi QueryAvailableInstances"},
	},
})

func siteHosts() map[string]string {
	m := make(map[string]string, len(Sites))
	for _, s := range Sites {
		m[s.Name] = s.Host
	}
	return m
}

// call runs one BssOpenApi action at site with query, decoding its JSON body into
// newResponse's value; regionID is only reported back (the API is global per site).
func call[T any](ctx context.Context, c *conns.Client, regionID, site, action string, query map[string]string, newResponse func() T) (T, conns.Target, error) {
	return alibaba.CallSite(ctx, c, Service, regionID, site, action, query, newResponse)
}
