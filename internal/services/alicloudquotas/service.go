// Package alicloudquotas holds the Alibaba Cloud Quota Center data source,
// cloudquota_alicloud_quotas. (Named for the cloud: Huawei and Tencent have quota services
// too.)
package alicloudquotas

import (
	"context"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Service is Quota Center as the alicloud block and the call policy know it: OpenAPI
// 2020-05-10 in RPC style, its parameters in the POST form body as the generated
// quotas-20200510 client sends them (that module is not available here, so the generic
// OpenAPI client calls it), endpoints.quotas, and one central endpoint for every region.
var Service = alibaba.Register(&alibaba.Service{
	Name:       "Quotas",
	Title:      "Quota Center",
	Product:    "quotas",
	Endpoint:   "quotas",
	APIVersion: "2020-05-10",
	Hosts:      hosts(),
	FormBody:   true,
	Limits: conns.Limits{
		"ListProductQuotas": {N: 15, Window: time.Second,
			Source: "Quota Center API overview: ListProductQuotas 15 calls a second per account"},
	},
})

// Host is Quota Center's endpoint. Quota Center is a central service: one endpoint answers
// for every region (a quota's region is its regionId dimension, not the host), as the
// generated quotas-20200510 client and Alibaba's own Terraform provider resolve it.
const Host = "quotas.aliyuncs.com"

// Regions are the public regions whose quotas can be read (the regions of ECS's endpoint
// table): the region argument is only the default regionId dimension.
var Regions = []string{
	"cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-hangzhou",
	"cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-fujian", "cn-wuhan", "cn-wuhan-lr", "cn-shenzhen",
	"cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-hongkong", "ap-northeast-1", "ap-northeast-2",
	"ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6",
	"ap-southeast-7", "ap-south-1", "us-east-1", "us-west-1", "eu-west-1", "eu-central-1",
	"me-east-1", "me-central-1", "na-south-1",
}

func hosts() map[string]string {
	m := make(map[string]string, len(Regions))
	for _, r := range Regions {
		m[r] = Host
	}
	return m
}

// call runs one Quota Center action with req in regionID ("" = the provider's region),
// decoding its JSON body into newResponse's value.
func call[T any](ctx context.Context, c *conns.Client, regionID, action string, req map[string]string, newResponse func() T) (T, conns.Target, error) {
	return alibaba.Call(ctx, c, Service, regionID, action, req, newResponse)
}
