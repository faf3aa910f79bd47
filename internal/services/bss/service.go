// Package bss holds the Huawei Cloud billing (BSS) data sources.
package bss

import (
	"context"
	"strings"
	"time"

	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	bss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bss/v2"
	bssregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bss/v2/region"
	bssintlregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bssintl/v2/region"
	iamregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3/region"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

// Service is BSS (Huawei Cloud's billing, "customer operations" APIs) as the huaweicloud
// block and the call policy know it: a global service, one endpoint per site (Sites),
// endpoints.bss, called with the account's global credentials. Its region only chooses the
// IAM endpoint that resolves the account's domain when domain_id is unset, so it is checked
// against IAM's region table.
var Service = huawei.Register(&huawei.Service{
	Name:     "BSS",
	Endpoint: "bss",
	Regions:  iamregion.SafeValueOf,
	Global:   true,
	Limits:   conns.Limits{actionList: documentedLimit},
})

const actionList = "ListPayPerUseCustomerResources"

// documentedLimit is the default of the customer-operations API reference's flow-control
// page (客户运营能力 API参考, "流控信息" / "Request Throttling", api-oce/fci_00002): 10
// requests a second per API, counted by source IP, API and account (ParentUid). The page
// has no row of its own for ListPayPerUseCustomerResources, so its stated default applies.
var documentedLimit = conns.Limit{N: 10, Window: time.Second,
	Source: "Huawei Cloud customer operations API reference, Request Throttling (流控信息): default 10 requests/s per API " +
		"(no row of its own for ListPayPerUseCustomerResources)"}

// Sites are the billing API's global endpoints, from the SDK's region tables: bss/v2
// (cn-north-1) for the Chinese site, bssintl/v2 for the international (ap-southeast-1) and
// European (eu-west-101) ones. The API is the same on all three (path, body, answer), so
// one typed client (bss/v2) serves them.
var Sites = []subscriptions.Site{
	{Name: "cn", Host: host(bssregion.CN_NORTH_1.Endpoints[0])},
	{Name: "intl", Host: host(bssintlregion.AP_SOUTHEAST_1.Endpoints[0])},
	{Name: "eu", Host: host(bssintlregion.EU_WEST_101.Endpoints[0])},
}

func host(endpoint string) string { return strings.TrimPrefix(endpoint, "https://") }

// call runs one BSS action with req in regionID ("" = the provider's region) at the
// site's host; fn is the SDK method, such as (*bss.BssClient).ListPayPerUseCustomerResources.
func call[Req, T any](ctx context.Context, c *conns.Client, siteHost, regionID, action string, req Req, fn func(*bss.BssClient, Req) (T, error)) (T, conns.Target, error) {
	return huawei.Call(ctx, c, Service.At("https://"+siteHost), regionID, action, req, func(hc *core.HcHttpClient, req Req) (T, error) {
		return fn(bss.NewBssClient(hc), req)
	})
}
