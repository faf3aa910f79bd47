package huawei

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// ActionListCustomerResources is BSS ListPayPerUseCustomerResources, the yearly/monthly
// resources of the account (POST /v2/orders/suscriptions/resources/query, a global API).
const ActionListCustomerResources = "ListPayPerUseCustomerResources"

// BSSCustomerResources is what BSS ListPayPerUseCustomerResources lists: the account's
// yearly/monthly resources, which the request's filters, offset and limit pick from.
type BSSCustomerResources struct {
	Data []BSSResource `json:"data"`
}

// BSSResource is one resource (the API reference's OrderInstanceV2). Times may be relative
// ("now+240h"), resolved against the moment of each answer.
type BSSResource struct {
	ID                *string               `json:"id,omitempty"`
	ResourceID        *string               `json:"resource_id,omitempty"`
	ResourceName      *string               `json:"resource_name,omitempty"`
	RegionCode        *string               `json:"region_code,omitempty"`
	ServiceTypeCode   *string               `json:"service_type_code,omitempty"`
	ResourceTypeCode  *string               `json:"resource_type_code,omitempty"`
	ResourceTypeName  *string               `json:"resource_type_name,omitempty"`
	ServiceTypeName   *string               `json:"service_type_name,omitempty"`
	ResourceSpecCode  *string               `json:"resource_spec_code,omitempty"`
	ProjectID         *string               `json:"project_id,omitempty"`
	ProductID         *string               `json:"product_id,omitempty"`
	ParentResourceID  *string               `json:"parent_resource_id,omitempty"`
	IsMainResource    *int32                `json:"is_main_resource,omitempty"`
	Status            *int32                `json:"status,omitempty"`
	EffectiveTime     *string               `json:"effective_time,omitempty"`
	ExpireTime        *string               `json:"expire_time,omitempty"`
	ExpirePolicy      *int32                `json:"expire_policy,omitempty"`
	ProductSpecDesc   *string               `json:"product_spec_desc,omitempty"`
	SpecSizeMeasureID *int32                `json:"spec_size_measure_id,omitempty"`
	UpdateTime        *string               `json:"update_time,omitempty"`
	EnterpriseProject *BSSEnterpriseProject `json:"enterprise_project,omitempty"`
}

// BSSEnterpriseProject is a resource's enterprise project.
type BSSEnterpriseProject struct {
	ID   *string `json:"id,omitempty"`
	Name *string `json:"name,omitempty"`
}

// times are r's time fields, for resolving relative ones.
func (r *BSSResource) times() []*string {
	return []*string{r.EffectiveTime, r.ExpireTime, r.UpdateTime}
}

// huaweiDefaultBSSResources is assembled from the fields of the API reference (查询客户包年/
// 包月资源列表, response table OrderInstanceV2): it publishes no complete example answer. Its
// times are relative to the moment of the answer: an HSS quota expiring in 10 days (no
// auto-renewal), an ECS server renewing itself in 100 days with its disk (an attached
// resource, left out with only_main_resource = 1), and a WAF instance expired 2 days ago.
const huaweiDefaultBSSResources = `{"data":[
{"id":"e3d1f4c2a8b94d0f9c6e2b7a5d8c1f03","resource_id":"9ecb83a7-8b03-4e37-a26d-c3e90ca97eea","resource_name":"hss-enterprise-quota",
 "region_code":"cn-north-4","service_type_code":"hws.service.type.hss","resource_type_code":"hws.resource.type.hss.quota",
 "resource_type_name":"HSS quota","service_type_name":"Host Security Service","resource_spec_code":"hss.version.enterprise",
 "project_id":"0605767a3300d5762fb7c0186d9e1779","product_id":"00301-225396-0--0","parent_resource_id":"","is_main_resource":1,
 "status":2,"effective_time":"now-8520h","expire_time":"now+240h","expire_policy":0,"product_spec_desc":"Enterprise edition",
 "spec_size_measure_id":0,"update_time":"now-8520h","enterprise_project":{"id":"0","name":"default"}},
{"id":"7b2e0c9d4f1a4e6b8d3c5a1f0e9b2d47","resource_id":"3f2c5a1e-6b7d-4c8e-9f0a-1b2c3d4e5f60","resource_name":"ecs-web-01",
 "region_code":"cn-north-4","service_type_code":"hws.service.type.ec2","resource_type_code":"hws.resource.type.vm",
 "resource_type_name":"Cloud server","service_type_name":"Elastic Cloud Server","resource_spec_code":"s6.large.2.linux",
 "project_id":"0605767a3300d5762fb7c0186d9e1779","product_id":"00301-225401-0--0","parent_resource_id":"","is_main_resource":1,
 "status":2,"effective_time":"now-6360h","expire_time":"now+2400h","expire_policy":3,"product_spec_desc":"s6.large.2 | 2vCPUs | 4GiB | Linux",
 "spec_size_measure_id":0,"update_time":"now-6360h","enterprise_project":{"id":"0","name":"default"}},
{"id":"1c4d7e0a3b6f4a9c8e2d5b8f1a4c7e03","resource_id":"8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d","resource_name":"ecs-web-01-volume-0000",
 "region_code":"cn-north-4","service_type_code":"hws.service.type.ebs","resource_type_code":"hws.resource.type.volume",
 "resource_type_name":"Disk","service_type_name":"Elastic Volume Service","resource_spec_code":"SSD",
 "project_id":"0605767a3300d5762fb7c0186d9e1779","product_id":"00301-225402-0--0",
 "parent_resource_id":"3f2c5a1e-6b7d-4c8e-9f0a-1b2c3d4e5f60","is_main_resource":0,
 "status":2,"effective_time":"now-6360h","expire_time":"now+2400h","expire_policy":3,"product_spec_desc":"SSD | 40GB",
 "spec_size_measure_id":17,"update_time":"now-6360h","enterprise_project":{"id":"0","name":"default"}},
{"id":"5e8f1b4c7a0d4e3b9c6f2a5d8b1e4c07","resource_id":"c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f","resource_name":"waf-premium",
 "region_code":"cn-north-4","service_type_code":"hws.service.type.waf","resource_type_code":"hws.resource.type.waf.instance",
 "resource_type_name":"WAF instance","service_type_name":"Web Application Firewall","resource_spec_code":"waf.professional",
 "project_id":"0605767a3300d5762fb7c0186d9e1779","product_id":"00301-225403-0--0","parent_resource_id":"","is_main_resource":1,
 "status":5,"effective_time":"now-8808h","expire_time":"now-48h","expire_policy":0,"product_spec_desc":"Professional edition",
 "spec_size_measure_id":0,"update_time":"now-48h","enterprise_project":{"id":"0","name":"default"}}
]}`

// checkTimes refuses a malformed time of d's BSS resources (they are resolved at each answer).
func (d *BSSCustomerResources) checkTimes(now time.Time) error {
	for _, r := range d.Data {
		for _, p := range r.times() {
			if p == nil {
				continue
			}
			v, err := emulator.ResolveTime(*p, now, hwTimeLayout, time.UTC)
			if err != nil {
				return fmt.Errorf("bss_customer_resources: %w", err)
			}
			if _, err := time.Parse(time.RFC3339, v); err != nil {
				return fmt.Errorf("bss_customer_resources: time %q is not RFC 3339, such as 2026-01-02T15:04:05Z, or relative, such as now+240h", *p)
			}
		}
	}
	return nil
}

// bssQuery is the request body of ListPayPerUseCustomerResources (QueryResourcesReq).
type bssQuery struct {
	ResourceIDs      *[]string `json:"resource_ids"`
	OrderID          *string   `json:"order_id"`
	OnlyMainResource *int32    `json:"only_main_resource"`
	StatusList       *[]int32  `json:"status_list"`
	Offset           *int32    `json:"offset"`
	Limit            *int32    `json:"limit"`
	ExpireTimeBegin  *string   `json:"expire_time_begin"`
	ExpireTimeEnd    *string   `json:"expire_time_end"`
	ServiceTypeCode  *string   `json:"service_type_code"`
	CustomerID       *string   `json:"customer_id"`
}

// bssInvalid is BSS's answer to a parameter it refuses (CBC.0100, "parameter error").
func bssInvalid(param string) (int, any) {
	return http.StatusBadRequest, huaweiError{ErrorCode: "CBC.0100", ErrorMsg: "Invalid parameter: " + param}
}

// bssMaxResourceIDs is the API reference's limit of resource_ids ([0-50]).
const bssMaxResourceIDs = 50

// listCustomerResources answers as the API reference describes the filters: resource_ids
// (at most 50; with only_main_resource = 0 also the resources attached to them),
// only_main_resource (0 or 1; a sub-resource named in resource_ids is listed anyway),
// status_list, service_type_code (not empty), the expiry window expire_time_begin /
// expire_time_end (UTC yyyy-MM-ddTHH:mm:ssZ, both ends included), then offset and limit
// (default 10), with total_count the number of matches. Times are resolved at the answer.
func (h *Cloud) listCustomerResources(x *emulator.Exchange, _ url.Values) (int, any) {
	body, _ := emulator.ReadBody(x.R)
	x.Rec.Body = string(body)
	var q bssQuery
	if len(body) > 0 {
		if err := json.Unmarshal(body, &q); err != nil {
			return bssInvalid("body")
		}
	}
	ids := map[string]bool{}
	if q.ResourceIDs != nil {
		if len(*q.ResourceIDs) > bssMaxResourceIDs {
			return bssInvalid("resource_ids")
		}
		for _, id := range *q.ResourceIDs {
			ids[id] = true
		}
	}
	mainOnly := false
	if q.OnlyMainResource != nil {
		switch *q.OnlyMainResource {
		case 0:
		case 1:
			mainOnly = true
		default:
			return bssInvalid("only_main_resource")
		}
	}
	if q.ServiceTypeCode != nil && *q.ServiceTypeCode == "" {
		return bssInvalid("service_type_code")
	}
	var begin, end time.Time
	for _, p := range []struct {
		name string
		v    *string
		t    *time.Time
	}{{"expire_time_begin", q.ExpireTimeBegin, &begin}, {"expire_time_end", q.ExpireTimeEnd, &end}} {
		if p.v == nil || *p.v == "" {
			continue
		}
		t, err := time.Parse(hwTimeLayout, *p.v)
		if err != nil {
			return bssInvalid(p.name)
		}
		*p.t = t
	}
	offset, limit := int32(0), int32(10)
	if q.Offset != nil {
		offset = *q.Offset
	}
	if q.Limit != nil {
		limit = *q.Limit
	}
	if offset < 0 {
		return bssInvalid("offset")
	}
	if limit < 1 {
		return bssInvalid("limit")
	}

	now := time.Now()
	matches := []BSSResource{}
	var all []BSSResource
	if h.data.CustomerResources != nil {
		all = h.data.CustomerResources.Data
	}
	for _, r := range all {
		r := resolveBSSTimes(r, now)
		id, parent := deref(r.ResourceID), deref(r.ParentResourceID)
		named := ids[id]
		isMain := r.IsMainResource == nil || *r.IsMainResource == 1
		switch {
		case len(ids) > 0 && !named && (mainOnly || !ids[parent]):
			continue
		case mainOnly && !isMain && !named:
			continue
		case q.ServiceTypeCode != nil && deref(r.ServiceTypeCode) != *q.ServiceTypeCode:
			continue
		case q.StatusList != nil && len(*q.StatusList) > 0 && (r.Status == nil || !slices.Contains(*q.StatusList, *r.Status)):
			continue
		}
		if !begin.IsZero() || !end.IsZero() {
			exp, err := time.Parse(time.RFC3339, deref(r.ExpireTime))
			if err != nil || (!begin.IsZero() && exp.Before(begin)) || (!end.IsZero() && exp.After(end)) {
				continue
			}
		}
		matches = append(matches, r)
	}
	total := int32(len(matches))
	page := []BSSResource{}
	if offset < total {
		page = matches[offset:min(total, offset+limit)]
	}
	return http.StatusOK, map[string]any{"data": page, "total_count": total}
}

// resolveBSSTimes is r with its relative times resolved against now, rounded up to the
// whole second (the API's times have none smaller): "now+240h" is then never less than 240
// hours after any moment before the answer, so a client that reads it sees 10 whole days.
func resolveBSSTimes(r BSSResource, now time.Time) BSSResource {
	if t := now.Truncate(time.Second); t.Before(now) {
		now = t.Add(time.Second)
	}
	out := r
	for _, f := range []**string{&out.EffectiveTime, &out.ExpireTime, &out.UpdateTime} {
		if *f == nil {
			continue
		}
		if v, err := emulator.ResolveTime(**f, now, hwTimeLayout, time.UTC); err == nil {
			*f = &v
		}
	}
	return out
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
