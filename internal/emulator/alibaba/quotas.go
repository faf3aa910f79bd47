package alibaba

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// Quota Center (quotas 2020-05-10) ListProductQuotas.
const (
	quotasProduct           = "quotas"
	quotasVersion           = "2020-05-10"
	quotasListProductQuotas = "ListProductQuotas"
)

// Quota Center's paging: MaxResults defaults to 30; the API reference's copies give
// 1 to 100 and 1 to 200 as its range, so the wider one is accepted.
const (
	quotasDefaultMaxResults = 30
	quotasMaxMaxResults     = 200
)

// QuotaCenterQuota is one quota of Quota Center's ListProductQuotas answer (an element of
// Quotas), as the API reference describes its fields. Pointer fields with omitempty let a
// data file leave a field out of the answer.
type QuotaCenterQuota struct {
	ProductCode        string            `json:"ProductCode"`
	QuotaActionCode    string            `json:"QuotaActionCode"`
	QuotaName          *string           `json:"QuotaName,omitempty"`
	QuotaDescription   *string           `json:"QuotaDescription,omitempty"`
	QuotaUnit          *string           `json:"QuotaUnit,omitempty"`
	QuotaCategory      *string           `json:"QuotaCategory,omitempty"`
	QuotaType          *string           `json:"QuotaType,omitempty"`
	QuotaArn           *string           `json:"QuotaArn,omitempty"`
	Consumable         *bool             `json:"Consumable,omitempty"`
	Adjustable         *bool             `json:"Adjustable,omitempty"`
	GlobalQuota        *bool             `json:"GlobalQuota,omitempty"`
	ApplicableType     *string           `json:"ApplicableType,omitempty"`
	ApplicableRange    []float64         `json:"ApplicableRange,omitzero"`
	UnadjustableDetail *string           `json:"UnadjustableDetail,omitempty"`
	TotalQuota         *float64          `json:"TotalQuota,omitempty"`
	TotalUsage         *float64          `json:"TotalUsage,omitempty"`
	Dimensions         map[string]string `json:"Dimensions,omitzero"`
	Period             *QuotaPeriod      `json:"Period,omitempty"`
}

// QuotaPeriod is a quota's calculation cycle.
type QuotaPeriod struct {
	PeriodValue *int32  `json:"PeriodValue,omitempty"`
	PeriodUnit  *string `json:"PeriodUnit,omitempty"`
}

// category is the quota's QuotaCategory; a quota that names none is a general quota.
func (q *QuotaCenterQuota) category() string {
	if q.QuotaCategory == nil || *q.QuotaCategory == "" {
		return "CommonQuota"
	}
	return *q.QuotaCategory
}

// quotasDefaultECS is the default answer's ECS quotas in cn-hangzhou, ASSEMBLED (not
// copied: no complete example answer is published) from the ListProductQuotas reference:
// its field descriptions, its example values (q_security-groups, 801 with 26 used, in
// cn-hangzhou; the unit AMOUNT; Period; ApplicableType), and quotas of the kinds Quota
// Center lists for ECS (general quotas with and without a usage, an API rate quota and a
// privilege quota). DefaultData repeats them in defaultQuotaRegions.
const quotasDefaultECS = `[
 {"ProductCode":"ecs","QuotaActionCode":"q_security-groups","QuotaName":"Security groups per account in a region","QuotaDescription":"The maximum number of security groups that can be created in a region.","QuotaUnit":"AMOUNT","QuotaCategory":"CommonQuota","QuotaType":"normal","QuotaArn":"acs:quotas:cn-hangzhou:120886317861****:quota/ecs/q_security-groups","Consumable":true,"Adjustable":true,"GlobalQuota":false,"ApplicableType":"continuous","ApplicableRange":[801,2000],"TotalQuota":801,"TotalUsage":26,"Dimensions":{"regionId":"cn-hangzhou"},"Period":{"PeriodValue":1,"PeriodUnit":"second"}},
 {"ProductCode":"ecs","QuotaActionCode":"q_elastic-network-interfaces","QuotaName":"Elastic network interfaces per account in a region","QuotaDescription":"The maximum number of secondary elastic network interfaces that can be created in a region.","QuotaUnit":"AMOUNT","QuotaCategory":"CommonQuota","QuotaType":"normal","Consumable":true,"Adjustable":true,"GlobalQuota":false,"TotalQuota":1000,"TotalUsage":12,"Dimensions":{"regionId":"cn-hangzhou"}},
 {"ProductCode":"ecs","QuotaActionCode":"q_dedicated-hosts","QuotaName":"Dedicated hosts per account in a region","QuotaDescription":"The maximum number of dedicated hosts that can be created in a region.","QuotaUnit":"AMOUNT","QuotaCategory":"CommonQuota","QuotaType":"normal","Consumable":true,"Adjustable":true,"GlobalQuota":false,"TotalQuota":100,"TotalUsage":0,"Dimensions":{"regionId":"cn-hangzhou"}},
 {"ProductCode":"ecs","QuotaActionCode":"q_postpaid-vcpu","QuotaName":"Pay-as-you-go vCPUs in a region","QuotaDescription":"The maximum number of vCPUs of pay-as-you-go instances in a region.","QuotaUnit":"AMOUNT","QuotaCategory":"CommonQuota","QuotaType":"normal","Consumable":true,"Adjustable":true,"GlobalQuota":false,"TotalQuota":500,"TotalUsage":24,"Dimensions":{"regionId":"cn-hangzhou"}},
 {"ProductCode":"ecs","QuotaActionCode":"q_postpaid-disk-capacity","QuotaName":"Capacity of pay-as-you-go data disks in a region","QuotaDescription":"The total capacity of pay-as-you-go disks used as data disks in a region, in TiB.","QuotaUnit":"TiB","QuotaCategory":"CommonQuota","QuotaType":"normal","Consumable":true,"Adjustable":true,"GlobalQuota":false,"TotalQuota":204.8,"TotalUsage":12.25,"Dimensions":{"regionId":"cn-hangzhou"}},
 {"ProductCode":"ecs","QuotaActionCode":"q_security-group-rules","QuotaName":"Rules per security group","QuotaDescription":"The maximum number of rules in one security group.","QuotaUnit":"AMOUNT","QuotaCategory":"CommonQuota","QuotaType":"normal","Consumable":false,"Adjustable":false,"UnadjustableDetail":"limitReached","GlobalQuota":false,"TotalQuota":200,"Dimensions":{"regionId":"cn-hangzhou"}},
 {"ProductCode":"ecs","QuotaActionCode":"q_image-share-accounts","QuotaName":"Accounts an image can be shared with","QuotaDescription":"The maximum number of accounts one custom image can be shared with.","QuotaUnit":"AMOUNT","QuotaCategory":"CommonQuota","QuotaType":"normal","Consumable":false,"Adjustable":true,"GlobalQuota":false,"TotalQuota":10,"Dimensions":{"regionId":"cn-hangzhou"}},
 {"ProductCode":"ecs","QuotaActionCode":"DescribeInstances","QuotaName":"DescribeInstances","QuotaDescription":"Calls of the DescribeInstances API.","QuotaUnit":"AMOUNT","QuotaCategory":"FlowControl","QuotaType":"normal","Consumable":false,"Adjustable":true,"GlobalQuota":false,"TotalQuota":100,"Dimensions":{"regionId":"cn-hangzhou"},"Period":{"PeriodValue":1,"PeriodUnit":"second"}},
 {"ProductCode":"ecs","QuotaActionCode":"ecs_privilege_dedicated_host","QuotaName":"Dedicated host privilege","QuotaDescription":"Whether the account may create dedicated hosts.","QuotaCategory":"WhiteListLabel","QuotaType":"privilege","Consumable":false,"Adjustable":true,"GlobalQuota":false,"TotalQuota":1,"Dimensions":{"regionId":"cn-hangzhou"}}
]`

// defaultQuotaRegions are where the default answer has its quotas: the example's region
// first, then the regions the provider's tests read by default.
var defaultQuotaRegions = []string{"cn-hangzhou", "cn-shanghai", "cn-beijing", "ap-southeast-1"}

// defaultQuotas is quotasDefaultECS in every region of defaultQuotaRegions.
func defaultQuotas() []QuotaCenterQuota {
	var out []QuotaCenterQuota
	for _, region := range defaultQuotaRegions {
		var qs []QuotaCenterQuota
		emulator.MustDecode(strings.ReplaceAll(quotasDefaultECS, "cn-hangzhou", region), &qs)
		out = append(out, qs...)
	}
	return out
}

// Quota Center's errors, from its error code list (Quota Center API reference, "Error
// codes"); the list has no code of its own for an unknown product, so PARAMETER.ILLEGALL
// (sic) answers it, as it answers other invalid values.
var (
	quotasMissingProductCode = &emulator.Failure{Status: http.StatusBadRequest, Code: "MissingProductCode", Message: "ProductCode is missing"}
	quotasDimensionKey       = &emulator.Failure{Status: http.StatusBadRequest, Code: "QUOTA.DIMENSION.UNSUPPORT", Message: "The entered quota dimension key is not supported."}
	quotasDimensionValue     = &emulator.Failure{Status: http.StatusBadRequest, Code: "QUOTA.DIMENSION.VALUE.UNSUPPORT", Message: "The entered quota dimension value is not supported."}
)

func quotasIllegal(what string) *emulator.Failure {
	return &emulator.Failure{Status: http.StatusBadRequest, Code: "PARAMETER.ILLEGALL", Message: "The specified parameter is invalid: " + what}
}

// quotasPage is the success body of ListProductQuotas, fields in the reference's order.
type quotasPage struct {
	RequestID  string             `json:"RequestId"`
	TotalCount int                `json:"TotalCount"`
	MaxResults int                `json:"MaxResults"`
	NextToken  string             `json:"NextToken,omitempty"`
	Quotas     []QuotaCenterQuota `json:"Quotas"`
}

// listProductQuotas answers ListProductQuotas from params, or says why it is refused:
// ProductCode must name a product of the data, QuotaCategory one of the three categories
// (unset: CommonQuota), every Dimensions.N.Key a dimension the product's quotas have and a
// regionId value a known region; NextToken is the offset a previous page handed out.
func (a *Cloud) listProductQuotas(params url.Values, requestID string) (*quotasPage, *emulator.Failure) {
	product := params.Get("ProductCode")
	if product == "" {
		return nil, quotasMissingProductCode
	}
	var ofProduct []QuotaCenterQuota
	keys := map[string]bool{}
	for _, q := range a.data.Quotas {
		if q.ProductCode == product {
			ofProduct = append(ofProduct, q)
			for k := range q.Dimensions {
				keys[k] = true
			}
		}
	}
	if len(ofProduct) == 0 {
		return nil, quotasIllegal("ProductCode " + product + " is not a product of Quota Center")
	}
	category := params.Get("QuotaCategory")
	switch category {
	case "":
		category = "CommonQuota"
	case "CommonQuota", "FlowControl", "WhiteListLabel":
	default:
		return nil, quotasIllegal("QuotaCategory " + category)
	}
	dims, f := dimensions(params)
	if f != nil {
		return nil, f
	}
	for k, v := range dims {
		if !keys[k] {
			return nil, quotasDimensionKey
		}
		if k == "regionId" && !knownRegion(v) {
			return nil, quotasDimensionValue
		}
	}
	limit := quotasDefaultMaxResults
	if s := params.Get("MaxResults"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > quotasMaxMaxResults {
			return nil, quotasIllegal("MaxResults " + s)
		}
		limit = n
	}
	var matched []QuotaCenterQuota
	for _, q := range ofProduct {
		if q.category() == category && hasDimensions(q, dims) {
			matched = append(matched, q)
		}
	}
	offset := 0
	if s := params.Get("NextToken"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > len(matched) {
			return nil, quotasIllegal("NextToken " + s)
		}
		offset = n
	}
	end := min(offset+limit, len(matched))
	page := &quotasPage{RequestID: requestID, TotalCount: len(matched), MaxResults: limit,
		Quotas: append([]QuotaCenterQuota{}, matched[offset:end]...)}
	if end < len(matched) {
		page.NextToken = strconv.Itoa(end)
	}
	return page, nil
}

// dimensions reads Dimensions.N.Key/Value (N from 1, without gaps).
func dimensions(params url.Values) (map[string]string, *emulator.Failure) {
	out := map[string]string{}
	for n := 1; ; n++ {
		key, hasKey := params[fmt.Sprintf("Dimensions.%d.Key", n)]
		value, hasValue := params[fmt.Sprintf("Dimensions.%d.Value", n)]
		if !hasKey && !hasValue {
			return out, nil
		}
		if !hasKey || !hasValue || key[0] == "" {
			return nil, quotasIllegal(fmt.Sprintf("Dimensions.%d", n))
		}
		out[key[0]] = value[0]
	}
}

func hasDimensions(q QuotaCenterQuota, dims map[string]string) bool {
	for k, v := range dims {
		if q.Dimensions[k] != v {
			return false
		}
	}
	return true
}
