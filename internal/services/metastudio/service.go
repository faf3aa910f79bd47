package metastudio

import (
	"context"
	"time"

	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	metastudio "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1"
	metastudioregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1/region"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Service is MetaStudio as the huaweicloud block and the call policy know it: API v1
// through the SDK's metastudio/v1 client, endpoints.metastudio, the SDK's region table.
// Huawei documents no rate limit for the APIs read here, so each action gets
// conns.DefaultLimit.
var Service = huawei.Register(&huawei.Service{
	Name:     "MetaStudio",
	Endpoint: "metastudio",
	Regions:  metastudioregion.SafeValueOf,
	Limits: conns.Limits{
		// MetaStudio's API limits table (API Request Throttling / API限制) gives per-tenant figures
		// for its asset, video and livestream APIs (1 to 20 calls a second) and none for the
		// tenant-management APIs: its lowest figure, as a conservative default.
		"CountTenantResources": {N: 1, Window: time.Second,
			Source: "MetaStudio API limits table: no figure for CountTenantResources; its lowest single-tenant figure, 1 a second, as a conservative default"},
	},
})

// call runs one MetaStudio action with req in regionID ("" = the provider's region); fn is
// the SDK method, such as (*metastudio.MetaStudioClient).CountTenantResources.
func call[Req, T any](ctx context.Context, c *conns.Client, regionID, action string, req Req, fn func(*metastudio.MetaStudioClient, Req) (T, error)) (T, conns.Target, error) {
	return huawei.Call(ctx, c, Service, regionID, action, req, func(hc *core.HcHttpClient, req Req) (T, error) {
		return fn(metastudio.NewMetaStudioClient(hc), req)
	})
}
