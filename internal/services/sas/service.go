package sas

import (
	"context"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Service is Security Center (Sas) as the alicloud block and the call policy know it:
// OpenAPI 2018-12-03 in RPC style (as Alibaba's generated Sas client calls it),
// endpoints.sas, its documented endpoint per region. Alibaba documents no rate limit for
// the APIs read here, so each action gets conns.DefaultLimit.
var Service = alibaba.Register(&alibaba.Service{
	Name:       "SAS",
	Title:      "Security Center",
	Product:    "Sas",
	Endpoint:   "sas",
	APIVersion: "2018-12-03",
	Hosts:      hosts(),
	Limits: conns.Limits{
		// Security Center's "API rate quota" page (api-sas-2018-12-03-quota) lists per-API
		// quotas, 10/1(s) per regionId, API and ParentUid for its query APIs; it has no row for
		// GetAuthSummary in the copy read, so that prevailing figure.
		"GetAuthSummary": {N: 10, Window: time.Second,
			Source: "Security Center API rate quota: 10 a second per region, API and account for its query APIs (no row for GetAuthSummary)"},
	},
})

// hosts is Security Center's endpoint per region, as Alibaba documents it and its generated
// Sas 2018-12-03 SDK resolves it: Singapore and Kuala Lumpur have their own, every other
// region is served by the central one.
func hosts() map[string]string {
	m := map[string]string{
		"ap-southeast-1": "tds.ap-southeast-1.aliyuncs.com",
		"ap-southeast-3": "tds.ap-southeast-3.aliyuncs.com",
	}
	for _, r := range []string{
		"cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-qingdao", "cn-zhangjiakou", "cn-huhehaote",
		"cn-wulanchabu", "cn-shenzhen", "cn-chengdu", "cn-hongkong", "cn-wuhan", "cn-fujian",
		"cn-beijing-finance-1", "cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1",
		"cn-north-2-gov-1", "ap-northeast-1", "ap-south-1", "ap-southeast-2", "ap-southeast-5",
		"eu-central-1", "eu-west-1", "me-east-1", "us-east-1", "us-west-1",
	} {
		m[r] = "tds.aliyuncs.com"
	}
	return m
}

// call runs one Security Center action with query in regionID ("" = the provider's
// region), decoding its JSON body into newResponse's value.
func call[T any](ctx context.Context, c *conns.Client, regionID, action string, query map[string]string, newResponse func() T) (T, conns.Target, error) {
	return alibaba.Call(ctx, c, Service, regionID, action, query, newResponse)
}
