// Package alicloudecs holds the Alibaba Cloud ECS data source, cloudquota_alicloud_ecs_quotas.
// (Named for the cloud: Huawei Cloud has an ECS service too.)
package alicloudecs

import (
	"context"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Service is ECS as the alicloud block and the call policy know it: OpenAPI 2014-05-26 in
// RPC style, endpoints.ecs, its endpoint per region as the generated ECS client resolves
// it. It is called through the generic OpenAPI client (CallApi) rather than the typed
// ecs-20140526 module: one action needs no 12 MB, 1,136-file client package, and the
// cloud's one call shape (alibaba.Call) keeps the policy, the error classification and the
// exact decoding of numbers the same for every Alibaba service.
var Service = alibaba.Register(&alibaba.Service{
	Name:       "ECS",
	Title:      "Elastic Compute Service",
	Product:    "Ecs",
	Endpoint:   "ecs",
	APIVersion: "2014-05-26",
	Hosts:      hosts(),
	Limits: conns.Limits{
		// The DescribeAccountAttributes reference and the ECS API overview publish no rate
		// limit for it.
		"DescribeAccountAttributes": {N: conns.DefaultLimit.N, Window: conns.DefaultLimit.Window,
			Source: "none documented (ECS DescribeAccountAttributes reference): the conservative default"},
	},
})

// Regions are the public regions with an ECS endpoint.
var Regions = []string{
	"cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-hangzhou",
	"cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-fujian", "cn-wuhan", "cn-wuhan-lr", "cn-shenzhen",
	"cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-hongkong", "ap-northeast-1", "ap-northeast-2",
	"ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6",
	"ap-southeast-7", "ap-south-1", "us-east-1", "us-west-1", "eu-west-1", "eu-central-1",
	"me-east-1", "me-central-1", "na-south-1",
}

// hosts follows the ECS 2014-05-26 client's endpoint rule: ecs.<region>.aliyuncs.com,
// except the regions its endpoint map sends elsewhere.
func hosts() map[string]string {
	m := make(map[string]string, len(Regions))
	for _, r := range Regions {
		m[r] = "ecs." + r + ".aliyuncs.com"
	}
	m["cn-hangzhou"] = "ecs-cn-hangzhou.aliyuncs.com"
	m["cn-fujian"] = "ecs-cn-hangzhou.aliyuncs.com"
	m["cn-wuhan"] = "ecs.aliyuncs.com"
	return m
}

// call runs one ECS action with req in regionID ("" = the provider's region), decoding its
// JSON body into newResponse's value.
func call[T any](ctx context.Context, c *conns.Client, regionID, action string, req map[string]string, newResponse func() T) (T, conns.Target, error) {
	return alibaba.Call(ctx, c, Service, regionID, action, req, newResponse)
}
