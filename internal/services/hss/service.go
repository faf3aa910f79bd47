package hss

import (
	"context"

	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	hss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
	hssregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/region"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Service is HSS as the huaweicloud block and the call policy know it: API v5 through the
// SDK's hss/v5 client, endpoints.hss, the SDK's region table. Huawei documents no rate
// limit for the APIs read here, so each action gets conns.DefaultLimit.
var Service = huawei.Register(&huawei.Service{
	Name:     "HSS",
	Endpoint: "hss",
	Regions:  hssregion.SafeValueOf,
	Limits:   conns.Limits{},
})

// call runs one HSS action with req in regionID ("" = the provider's region); fn is the
// SDK method, such as (*hss.HssClient).ShowResourceQuotas.
func call[Req, T any](ctx context.Context, c *conns.Client, regionID, action string, req Req, fn func(*hss.HssClient, Req) (T, error)) (T, conns.Target, error) {
	return huawei.Call(ctx, c, Service, regionID, action, req, func(hc *core.HcHttpClient, req Req) (T, error) {
		return fn(hss.NewHssClient(hc), req)
	})
}
