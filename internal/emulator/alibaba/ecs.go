package alibaba

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// ECS (2014-05-26) DescribeAccountAttributes.
const (
	ecsProduct                   = "Ecs"
	ecsVersion                   = "2014-05-26"
	ecsDescribeAccountAttributes = "DescribeAccountAttributes"
)

// Regions are the public regions the emulated Alibaba Cloud knows (the regions of the
// ECS 2014-05-26 SDK's endpoint table and the ECS region list). A region outside them is
// refused as the services refuse it.
var Regions = []string{
	"cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-hangzhou",
	"cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-fujian", "cn-wuhan", "cn-wuhan-lr", "cn-shenzhen",
	"cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-hongkong", "ap-northeast-1", "ap-northeast-2",
	"ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6",
	"ap-southeast-7", "ap-south-1", "us-east-1", "us-west-1", "eu-west-1", "eu-central-1",
	"me-east-1", "me-central-1", "na-south-1",
}

func knownRegion(r string) bool { return slices.Contains(Regions, r) }

// ECSAttribute is one item of DescribeAccountAttributes' AccountAttributeItems, in the
// answer's shape.
type ECSAttribute struct {
	AttributeName   string             `json:"AttributeName"`
	AttributeValues ECSAttributeValues `json:"AttributeValues"`
}

// ECSAttributeValues wraps the values, as the answer does.
type ECSAttributeValues struct {
	ValueItem []ECSValueItem `json:"ValueItem"`
}

// ECSValueItem is one value: Value is always a string on the wire; ZoneId names the zone
// it is for, if any.
type ECSValueItem struct {
	Value              string  `json:"Value"`
	ZoneId             *string `json:"ZoneId,omitempty"` //nolint:revive // the API's spelling
	InstanceChargeType *string `json:"InstanceChargeType,omitempty"`
	InstanceType       *string `json:"InstanceType,omitempty"`
	DiskCategory       *string `json:"DiskCategory,omitempty"`
	ExpiredTime        *string `json:"ExpiredTime,omitempty"`
	Count              *int32  `json:"Count,omitempty"`
}

// ecsDefaultAttributes is the default answer in one region,
// ASSEMBLED (not copied: no complete example answer is published) from the
// DescribeAccountAttributes reference's list of attribute names and its value fields.
const ecsDefaultAttributes = `[
 {"AttributeName":"max-security-groups","AttributeValues":{"ValueItem":[{"Value":"800"}]}},
 {"AttributeName":"max-elastic-network-interfaces","AttributeValues":{"ValueItem":[{"Value":"1000"}]}},
 {"AttributeName":"max-postpaid-instance-vcpu-count","AttributeValues":{"ValueItem":[{"Value":"500","InstanceChargeType":"PostPaid"}]}},
 {"AttributeName":"used-postpaid-instance-vcpu-count","AttributeValues":{"ValueItem":[{"Value":"24","InstanceChargeType":"PostPaid"}]}},
 {"AttributeName":"max-spot-instance-vcpu-count","AttributeValues":{"ValueItem":[{"Value":"800","InstanceChargeType":"SpotPaid"}]}},
 {"AttributeName":"used-spot-instance-vcpu-count","AttributeValues":{"ValueItem":[{"Value":"8","InstanceChargeType":"SpotPaid"}]}},
 {"AttributeName":"max-dedicated-hosts","AttributeValues":{"ValueItem":[{"Value":"10"}]}},
 {"AttributeName":"instance-network-type","AttributeValues":{"ValueItem":[{"Value":"vpc"},{"Value":"classic"}]}},
 {"AttributeName":"real-name-authentication","AttributeValues":{"ValueItem":[{"Value":"yes"}]}},
 {"AttributeName":"max-postpaid-yundisk-capacity","AttributeValues":{"ValueItem":[{"Value":"20000","DiskCategory":"cloud_efficiency"}]}},
 {"AttributeName":"used-postpaid-yundisk-capacity","AttributeValues":{"ValueItem":[{"Value":"0","DiskCategory":"cloud_efficiency"}]}}
]`

// defaultECSAttributes is ecsDefaultAttributes in each region of defaultQuotaRegions.
func defaultECSAttributes() map[string][]ECSAttribute {
	out := map[string][]ECSAttribute{}
	for _, region := range defaultQuotaRegions {
		var items []ECSAttribute
		emulator.MustDecode(ecsDefaultAttributes, &items)
		out[region] = items
	}
	return out
}

// ECS's errors, as its error center words them.
var (
	ecsRegionNotFound = &emulator.Failure{Status: http.StatusNotFound, Code: "InvalidRegionId.NotFound", Message: "The specified RegionId does not exist."}
	ecsZoneNotFound   = &emulator.Failure{Status: http.StatusNotFound, Code: "InvalidZoneId.NotFound", Message: "The specified zone does not exist."}
)

func ecsInvalidAttribute(name string) *emulator.Failure {
	return &emulator.Failure{Status: http.StatusBadRequest, Code: "InvalidParameter",
		Message: fmt.Sprintf("The specified parameter AttributeName %q is not valid.", name)}
}

// ecsAttributeNames are the names the reference lists for AttributeName.N.
var ecsAttributeNames = []string{
	"instance-network-type", "max-security-groups", "max-elastic-network-interfaces",
	"max-postpaid-instance-vcpu-count", "max-spot-instance-vcpu-count", "used-postpaid-instance-vcpu-count",
	"used-spot-instance-vcpu-count", "max-postpaid-yundisk-capacity", "used-postpaid-yundisk-capacity",
	"max-dedicated-hosts", "supported-postpaid-instance-types", "max-axt-command-count",
	"max-axt-invocation-daily", "real-name-authentication", "max-cloud-assistant-activation-count",
}

// ecsItems wraps the items, as the answer does.
type ecsItems struct {
	AccountAttributeItem []ECSAttribute `json:"AccountAttributeItem"`
}

type ecsAccountAttributes struct {
	RequestID             string   `json:"RequestId"`
	AccountAttributeItems ecsItems `json:"AccountAttributeItems"`
}

// describeAccountAttributes answers DescribeAccountAttributes: RegionId (required) must be
// a known region; ZoneId, when set, a zone of it, keeping the values of that zone and those
// that name none; AttributeName.N (none: all) the documented names.
func (a *Cloud) describeAccountAttributes(params url.Values, requestID string) (*ecsAccountAttributes, *emulator.Failure) {
	region := params.Get("RegionId")
	switch {
	case region == "":
		return nil, aliMissingParameter("RegionId")
	case !knownRegion(region):
		return nil, ecsRegionNotFound
	}
	zone := params.Get("ZoneId")
	if zone != "" && !strings.HasPrefix(zone, region+"-") {
		return nil, ecsZoneNotFound
	}
	var names []string
	for n := 1; ; n++ {
		v, ok := params[fmt.Sprintf("AttributeName.%d", n)]
		if !ok {
			break
		}
		if !slices.Contains(ecsAttributeNames, v[0]) {
			return nil, ecsInvalidAttribute(v[0])
		}
		names = append(names, v[0])
	}
	out := &ecsAccountAttributes{RequestID: requestID, AccountAttributeItems: ecsItems{AccountAttributeItem: []ECSAttribute{}}}
	for _, item := range a.data.ECSAttributes[region] {
		if len(names) > 0 && !slices.Contains(names, item.AttributeName) {
			continue
		}
		kept := ECSAttribute{AttributeName: item.AttributeName, AttributeValues: ECSAttributeValues{ValueItem: []ECSValueItem{}}}
		for _, v := range item.AttributeValues.ValueItem {
			if zone == "" || v.ZoneId == nil || *v.ZoneId == zone {
				kept.AttributeValues.ValueItem = append(kept.AttributeValues.ValueItem, v)
			}
		}
		out.AccountAttributeItems.AccountAttributeItem = append(out.AccountAttributeItems.AccountAttributeItem, kept)
	}
	return out, nil
}
