// Package seeds holds the vendor documentation's example responses (../shared/seeds),
// verbatim, for the tests that check the emulator serves them and the data sources map
// them. Only tests import it, so none of it reaches the provider binary.
package seeds

import _ "embed"

// TCSSImageAuthorizedInfo is seed 001's example output: TCSS DescribeImageAuthorizedInfo,
// vendor spellings (Capcity, Useage) included.
//
//go:embed 001-tcss-describe-image-authorized-info.json
var TCSSImageAuthorizedInfo string

// SASAuthSummary is seed 002's example output: Security Center GetAuthSummary, with its
// mix of numeric and string-encoded flags and codes.
//
//go:embed 002-sas-get-auth-summary.json
var SASAuthSummary string

// HuaweiECSServerLimits is the ECS API reference's example answer of ShowServerLimits
// ("查询租户配额"): no Spot fields, maxTotalKeypairs -1.
//
//go:embed huawei-ecs-show-server-limits.json
var HuaweiECSServerLimits string

// HuaweiVPCQuotas is the VPC API reference's example answer of ShowQuota ("查询配额"), up to
// routetableContainRoutes (the entries after it were cut off in the copy read).
//
//go:embed huawei-vpc-show-quota.json
var HuaweiVPCQuotas string

// HuaweiEVSQuotaSet is the EVS API reference's example answer of CinderListQuotas
// ("查询租户的详细配额"): per-type keys for SATA, SAS and SSD, and the project's id.
//
//go:embed huawei-evs-cinder-list-quotas.json
var HuaweiEVSQuotaSet string

// CVMDescribeAccountQuota is the example output of CVM DescribeAccountQuota (API reference
// document 213/55628, "查询用户概览数据"), as Tencent publishes it (tccli's examples.json).
//
//go:embed tencent-cvm-describe-account-quota.json
var CVMDescribeAccountQuota string

// VPCDescribeProductQuotaCCN is the example output of VPC DescribeProductQuota (document
// 215/49629, "查询云联网产品配额信息"), for product ccn: the only example published.
//
//go:embed tencent-vpc-describe-product-quota-ccn.json
var VPCDescribeProductQuotaCCN string

// VPCDescribeAddressQuota is the example output of VPC DescribeAddressQuota (document
// 215/16701, "查询弹性公网IP配额").
//
//go:embed tencent-vpc-describe-address-quota.json
var VPCDescribeAddressQuota string
