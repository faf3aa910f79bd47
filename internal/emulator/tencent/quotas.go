package tencent

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// The general quotas: CVM DescribeAccountQuota (API reference document 213/55628) and VPC
// DescribeProductQuota (215/49629) and DescribeAddressQuota (215/16701), all version
// 2017-03-12. Their default answers are the examples of those documents (as tccli's
// examples.json carries them), less RequestId.

const (
	cvmService              = "cvm"
	vpcService              = "vpc"
	quotasVersion           = "2017-03-12"
	cvmDescribeAccountQuota = "DescribeAccountQuota"
	vpcDescribeProductQuota = "DescribeProductQuota"
	vpcDescribeAddressQuota = "DescribeAddressQuota"
)

// CVMAccountQuotaInfo is the body of CVM DescribeAccountQuota (without RequestId).
// Pointer fields with omitempty let a data file omit a field on the wire.
type CVMAccountQuotaInfo struct {
	AppId                *uint64                  `json:"AppId,omitempty"` //nolint:revive // the API's spelling
	AccountQuotaOverview *CVMAccountQuotaOverview `json:"AccountQuotaOverview,omitempty"`
}

// CVMAccountQuotaOverview is the region and its quota sets.
type CVMAccountQuotaOverview struct {
	Region       *string              `json:"Region,omitempty"`
	AccountQuota *CVMAccountQuotaSets `json:"AccountQuota,omitempty"`
}

// CVMAccountQuotaSets is the API's AccountQuota object: the quota sets. The zonal
// ones are filtered by the request's zone filter; the image and placement group
// ones are account-wide, and kept whatever the zone filter.
type CVMAccountQuotaSets struct {
	PostPaidQuotaSet             []CVMZoneQuota        `json:"PostPaidQuotaSet,omitempty"`
	PrePaidQuotaSet              []CVMZoneQuota        `json:"PrePaidQuotaSet,omitempty"`
	SpotPaidQuotaSet             []CVMZoneQuota        `json:"SpotPaidQuotaSet,omitempty"`
	ImageQuotaSet                []CVMImageQuota       `json:"ImageQuotaSet,omitempty"`
	DisasterRecoverGroupQuotaSet []CVMDisasterRecovery `json:"DisasterRecoverGroupQuotaSet,omitempty"`
}

// CVMZoneQuota is one zone's PostPaidQuota, PrePaidQuota (which alone has
// OnceQuota) or SpotPaidQuota. RemainingQuota is sent as set, even where it is
// not TotalQuota - UsedQuota.
type CVMZoneQuota struct {
	UsedQuota      *uint64 `json:"UsedQuota,omitempty"`
	OnceQuota      *uint64 `json:"OnceQuota,omitempty"`
	RemainingQuota *uint64 `json:"RemainingQuota,omitempty"`
	TotalQuota     *uint64 `json:"TotalQuota,omitempty"`
	Zone           *string `json:"Zone,omitempty"`
}

// CVMImageQuota is one ImageQuota.
type CVMImageQuota struct {
	UsedQuota  *uint64 `json:"UsedQuota,omitempty"`
	TotalQuota *uint64 `json:"TotalQuota,omitempty"`
}

// CVMDisasterRecovery is one DisasterRecoverGroupQuota.
type CVMDisasterRecovery struct {
	GroupQuota            *int64 `json:"GroupQuota,omitempty"`
	CurrentNum            *int64 `json:"CurrentNum,omitempty"`
	CvmInHostGroupQuota   *int64 `json:"CvmInHostGroupQuota,omitempty"`
	CvmInSwitchGroupQuota *int64 `json:"CvmInSwitchGroupQuota,omitempty"`
	CvmInRackGroupQuota   *int64 `json:"CvmInRackGroupQuota,omitempty"`
}

// VPCProductQuotas are the bodies of VPC DescribeProductQuota by product; a
// product left out answers an empty set.
type VPCProductQuotas struct {
	VPC *VPCProductQuota `json:"vpc,omitempty"`
	CCN *VPCProductQuota `json:"ccn,omitempty"`
	VPN *VPCProductQuota `json:"vpn,omitempty"`
	DC  *VPCProductQuota `json:"dc,omitempty"`
	DFW *VPCProductQuota `json:"dfw,omitempty"`
	CLB *VPCProductQuota `json:"clb,omitempty"`
	EIP *VPCProductQuota `json:"eip,omitempty"`
}

// For is product's answer; nil when there is none.
func (p *VPCProductQuotas) For(product string) *VPCProductQuota {
	if p == nil {
		return nil
	}
	return map[string]*VPCProductQuota{
		"vpc": p.VPC, "ccn": p.CCN, "vpn": p.VPN, "dc": p.DC, "dfw": p.DFW, "clb": p.CLB, "eip": p.EIP,
	}[product]
}

// VPCProductQuota is the body of VPC DescribeProductQuota for one product.
type VPCProductQuota struct {
	TotalCount      *uint64              `json:"TotalCount,omitempty"`
	ProductQuotaSet []VPCProductQuotaRow `json:"ProductQuotaSet"`
}

// VPCProductQuotaRow is one ProductQuota.
type VPCProductQuotaRow struct {
	QuotaId      *string `json:"QuotaId,omitempty"` //nolint:revive // the API's spelling
	QuotaName    *string `json:"QuotaName,omitempty"`
	QuotaCurrent *int64  `json:"QuotaCurrent,omitempty"`
	QuotaLimit   *int64  `json:"QuotaLimit,omitempty"`
	QuotaRegion  *bool   `json:"QuotaRegion,omitempty"`
}

// VPCAddressQuota is the body of VPC DescribeAddressQuota.
type VPCAddressQuota struct {
	QuotaSet []VPCAddressQuotaRow `json:"QuotaSet"`
}

// VPCAddressQuotaRow is one Quota.
type VPCAddressQuotaRow struct {
	QuotaId      *string `json:"QuotaId,omitempty"` //nolint:revive // the API's spelling
	QuotaCurrent *int64  `json:"QuotaCurrent,omitempty"`
	QuotaLimit   *int64  `json:"QuotaLimit,omitempty"`
	QuotaGroup   *string `json:"QuotaGroup,omitempty"`
}

// The documents' example outputs, less RequestId. DescribeProductQuota's only
// example is for product ccn (its TotalCount, 53, is as published, with two
// entries shown).
const (
	defaultCVMAccountQuota = `{"AppId":251007416,"AccountQuotaOverview":{"Region":"ap-guangzhou","AccountQuota":{
"PostPaidQuotaSet":[{"UsedQuota":0,"RemainingQuota":288,"TotalQuota":288,"Zone":"ap-guangzhou-3"},{"UsedQuota":2,"RemainingQuota":1248,"TotalQuota":1250,"Zone":"ap-guangzhou-4"}],
"DisasterRecoverGroupQuotaSet":[{"CvmInRackGroupQuota":30,"GroupQuota":10,"CvmInHostGroupQuota":50,"CurrentNum":0,"CvmInSwitchGroupQuota":20}],
"PrePaidQuotaSet":[{"UsedQuota":0,"OnceQuota":300,"Zone":"ap-guangzhou-3","TotalQuota":255,"RemainingQuota":255},{"UsedQuota":0,"OnceQuota":300,"Zone":"ap-guangzhou-4","TotalQuota":222,"RemainingQuota":222}],
"SpotPaidQuotaSet":[{"UsedQuota":0,"RemainingQuota":244,"TotalQuota":244,"Zone":"ap-guangzhou-3"},{"UsedQuota":4,"RemainingQuota":195,"TotalQuota":199,"Zone":"ap-guangzhou-4"}],
"ImageQuotaSet":[{"UsedQuota":0,"TotalQuota":10}]}}}`
	defaultVPCProductQuotaCCN = `{"TotalCount":53,"ProductQuotaSet":[
{"QuotaId":"1","QuotaName":"每个开发商可创建的CCN对象个数","QuotaCurrent":50,"QuotaLimit":100,"QuotaRegion":false},
{"QuotaId":"2","QuotaName":"每个CCN对象可关联的实例个数","QuotaCurrent":25,"QuotaLimit":1000,"QuotaRegion":false}]}`
	defaultVPCAddressQuota = `{"QuotaSet":[
{"QuotaCurrent":0,"QuotaGroup":"ap-guangzhou","QuotaId":"MONTHLY_RECOVER_QUOTA","QuotaLimit":3},
{"QuotaCurrent":2,"QuotaGroup":"ap-guangzhou","QuotaId":"TOTAL_EIP_QUOTA","QuotaLimit":20},
{"QuotaCurrent":2,"QuotaGroup":"ap-guangzhou","QuotaId":"DAILY_EIP_APPLY","QuotaLimit":40},
{"QuotaCurrent":0,"QuotaGroup":"ap-guangzhou","QuotaId":"DAILY_PUBLIC_IP_ASSIGN","QuotaLimit":10},
{"QuotaCurrent":0,"QuotaGroup":"ap-guangzhou","QuotaId":"LOCALBGP_EIP_QUOTA","QuotaLimit":10},
{"QuotaCurrent":0,"QuotaGroup":"ap-guangzhou","QuotaId":"SINGLEISP_EIP_QUOTA","QuotaLimit":6},
{"QuotaCurrent":0,"QuotaGroup":"ap-guangzhou","QuotaId":"DAILY_SINGLEISP_APPLY","QuotaLimit":12}]}`
)

// VPCProducts are the values of DescribeProductQuota's Product.
var VPCProducts = []string{"vpc", "ccn", "vpn", "dc", "dfw", "clb", "eip"}

// cvmQuotaTypes are the values of DescribeAccountQuota's quota-type filter.
var cvmQuotaTypes = []string{"PostPaidQuotaSet", "PrePaidQuotaSet", "SpotPaidQuotaSet", "ImageQuotaSet", "DisasterRecoverGroupQuotaSet"}

func (d *Data) defaultQuotas() {
	d.CVMAccountQuota, d.VPCAddressQuota = new(CVMAccountQuotaInfo), new(VPCAddressQuota)
	ccn := new(VPCProductQuota)
	emulator.MustDecode(defaultCVMAccountQuota, d.CVMAccountQuota)
	emulator.MustDecode(defaultVPCProductQuotaCCN, ccn)
	emulator.MustDecode(defaultVPCAddressQuota, d.VPCAddressQuota)
	d.VPCProductQuotas = &VPCProductQuotas{CCN: ccn}
}

func (d *Data) mergeQuotas(other *Data) {
	if other.CVMAccountQuota != nil {
		d.CVMAccountQuota = other.CVMAccountQuota
	}
	if other.VPCProductQuotas != nil {
		d.VPCProductQuotas = other.VPCProductQuotas
	}
	if other.VPCAddressQuota != nil {
		d.VPCAddressQuota = other.VPCAddressQuota
	}
}

// Messages of the quota APIs' own errors. The codes are those the SDK lists for
// each action; Tencent does not publish the messages, so these are the
// emulator's wording.
const (
	tcCodeInvalidFilter         = "InvalidFilter"
	tcCodeInvalidParameterValue = "InvalidParameterValue"
	tcCodeInvalidValueRange     = "InvalidParameterValue.Range"
	tcCodeZoneMismatchRegion    = "InvalidZone.MismatchRegion"

	tcMsgParameterType     = "Parameter `%s` type error."
	tcMsgInvalidFilter     = "The filter `%s` is not supported; supported filters: zone, quota-type."
	tcMsgFilterValueRange  = "The value `%s` of filter `quota-type` is invalid; valid values: %s."
	tcMsgZoneMismatch      = "The zone `%s` does not exist in region `%s`."
	tcMsgInvalidProduct    = "The value `%s` of parameter `Product` is invalid; valid values: %s."
	tcMsgProductType       = "Parameter `Product` must be a string."
	tcMsgFilterValuesEmpty = "The filter `%s` has no values."
)

var cvmAPI = tcAPI{version: quotasVersion, regionRequired: true, actions: map[string]tcAction{
	cvmDescribeAccountQuota: (*Cloud).describeAccountQuota,
}}

var vpcAPI = tcAPI{version: quotasVersion, regionRequired: true, actions: map[string]tcAction{
	vpcDescribeProductQuota: (*Cloud).describeProductQuota,
	vpcDescribeAddressQuota: (*Cloud).describeAddressQuota,
}}

// describeAccountQuota answers the account's quotas, its zonal sets narrowed to
// the zone filter's zones and its sets to the quota-type filter's, if given.
func (t *Cloud) describeAccountQuota(region string, params map[string]json.RawMessage) (any, *tencentAPIError) {
	if err := onlyParams(params, "Filters"); err != nil {
		return nil, err
	}
	var filters []struct {
		Name   *string  `json:"Name"`
		Values []string `json:"Values"`
	}
	if raw, ok := params["Filters"]; ok && json.Unmarshal(raw, &filters) != nil {
		return nil, tcError(tcCodeInvalidParameter, tcMsgParameterType, "Filters")
	}
	var zones, types []string
	for _, f := range filters {
		name := ""
		if f.Name != nil {
			name = *f.Name
		}
		switch {
		case name != "zone" && name != "quota-type":
			return nil, tcError(tcCodeInvalidFilter, tcMsgInvalidFilter, name)
		case len(f.Values) == 0:
			return nil, tcError(tcCodeInvalidFilter, tcMsgFilterValuesEmpty, name)
		case name == "zone":
			for _, z := range f.Values {
				if !strings.HasPrefix(z, region+"-") {
					return nil, tcError(tcCodeZoneMismatchRegion, tcMsgZoneMismatch, z, region)
				}
			}
			zones = append(zones, f.Values...)
		default:
			for _, v := range f.Values {
				if !slices.Contains(cvmQuotaTypes, v) {
					return nil, tcError(tcCodeInvalidValueRange, tcMsgFilterValueRange, v, strings.Join(cvmQuotaTypes, ", "))
				}
			}
			types = append(types, f.Values...)
		}
	}
	if t.data.CVMAccountQuota == nil {
		return nil, nil
	}
	out := *t.data.CVMAccountQuota
	if out.AccountQuotaOverview == nil || out.AccountQuotaOverview.AccountQuota == nil {
		return out, nil
	}
	ov := *out.AccountQuotaOverview
	sets := *ov.AccountQuota
	inZones := func(set []CVMZoneQuota) []CVMZoneQuota {
		if zones == nil {
			return set
		}
		var kept []CVMZoneQuota
		for _, q := range set {
			if q.Zone != nil && slices.Contains(zones, *q.Zone) {
				kept = append(kept, q)
			}
		}
		return kept
	}
	sets.PostPaidQuotaSet, sets.PrePaidQuotaSet, sets.SpotPaidQuotaSet =
		inZones(sets.PostPaidQuotaSet), inZones(sets.PrePaidQuotaSet), inZones(sets.SpotPaidQuotaSet)
	if types != nil {
		keep := func(name string) bool { return slices.Contains(types, name) }
		if !keep("PostPaidQuotaSet") {
			sets.PostPaidQuotaSet = nil
		}
		if !keep("PrePaidQuotaSet") {
			sets.PrePaidQuotaSet = nil
		}
		if !keep("SpotPaidQuotaSet") {
			sets.SpotPaidQuotaSet = nil
		}
		if !keep("ImageQuotaSet") {
			sets.ImageQuotaSet = nil
		}
		if !keep("DisasterRecoverGroupQuotaSet") {
			sets.DisasterRecoverGroupQuotaSet = nil
		}
	}
	ov.AccountQuota = &sets
	out.AccountQuotaOverview = &ov
	return out, nil
}

// describeProductQuota answers the quotas of the Product asked for; a product
// the data has no entry for has none.
func (t *Cloud) describeProductQuota(_ string, params map[string]json.RawMessage) (any, *tencentAPIError) {
	if err := onlyParams(params, "Product"); err != nil {
		return nil, err
	}
	raw, ok := params["Product"]
	if !ok {
		return nil, tcError(tcCodeMissingParameter, tcMsgMissingParameter, "Product")
	}
	var product string
	if json.Unmarshal(raw, &product) != nil {
		return nil, tcError(tcCodeInvalidParameter, tcMsgProductType)
	}
	if !slices.Contains(VPCProducts, product) {
		return nil, tcError(tcCodeInvalidParameterValue, tcMsgInvalidProduct, product, strings.Join(VPCProducts, ", "))
	}
	if q := t.data.VPCProductQuotas.For(product); q != nil {
		return q, nil
	}
	zero := uint64(0)
	return VPCProductQuota{TotalCount: &zero, ProductQuotaSet: []VPCProductQuotaRow{}}, nil
}

// describeAddressQuota answers the EIP quotas; the action takes no parameters.
func (t *Cloud) describeAddressQuota(_ string, params map[string]json.RawMessage) (any, *tencentAPIError) {
	if err := onlyParams(params); err != nil {
		return nil, err
	}
	return t.data.VPCAddressQuota, nil
}
