package huawei

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// The general quotas of Huawei Cloud: ECS ShowServerLimits, VPC ShowQuota and EVS
// CinderListQuotas, each answering limit and usage together in one unpaginated call.

// ECSServerLimits is the body of ECS ShowServerLimits (GET /v1/{project_id}/cloudservers/limits).
type ECSServerLimits struct {
	Absolute *ECSAbsoluteLimits `json:"absolute,omitempty"`
}

// ECSAbsoluteLimits is its `absolute` object, field for field as the ECS API reference
// ("查询租户配额") lists it. Nil fields are left out of the answer, as regions without spot
// instances leave out the Spot ones.
type ECSAbsoluteLimits struct {
	MaxTotalInstances       *int64 `json:"maxTotalInstances,omitempty"`
	MaxTotalCores           *int64 `json:"maxTotalCores,omitempty"`
	MaxTotalRAMSize         *int64 `json:"maxTotalRAMSize,omitempty"`
	MaxTotalSpotInstances   *int64 `json:"maxTotalSpotInstances,omitempty"`
	MaxTotalSpotCores       *int64 `json:"maxTotalSpotCores,omitempty"`
	MaxTotalSpotRAMSize     *int64 `json:"maxTotalSpotRAMSize,omitempty"`
	MaxTotalKeypairs        *int64 `json:"maxTotalKeypairs,omitempty"`
	MaxServerMeta           *int64 `json:"maxServerMeta,omitempty"`
	MaxPersonality          *int64 `json:"maxPersonality,omitempty"`
	MaxPersonalitySize      *int64 `json:"maxPersonalitySize,omitempty"`
	MaxServerGroups         *int64 `json:"maxServerGroups,omitempty"`
	MaxServerGroupMembers   *int64 `json:"maxServerGroupMembers,omitempty"`
	TotalServerGroupsUsed   *int64 `json:"totalServerGroupsUsed,omitempty"`
	MaxSecurityGroups       *int64 `json:"maxSecurityGroups,omitempty"`
	MaxSecurityGroupRules   *int64 `json:"maxSecurityGroupRules,omitempty"`
	MaxTotalFloatingIps     *int64 `json:"maxTotalFloatingIps,omitempty"`
	MaxImageMeta            *int64 `json:"maxImageMeta,omitempty"`
	TotalInstancesUsed      *int64 `json:"totalInstancesUsed,omitempty"`
	TotalCoresUsed          *int64 `json:"totalCoresUsed,omitempty"`
	TotalRAMUsed            *int64 `json:"totalRAMUsed,omitempty"`
	TotalSpotInstancesUsed  *int64 `json:"totalSpotInstancesUsed,omitempty"`
	TotalSpotCoresUsed      *int64 `json:"totalSpotCoresUsed,omitempty"`
	TotalSpotRAMUsed        *int64 `json:"totalSpotRAMUsed,omitempty"`
	TotalSecurityGroupsUsed *int64 `json:"totalSecurityGroupsUsed,omitempty"`
	TotalFloatingIpsUsed    *int64 `json:"totalFloatingIpsUsed,omitempty"`
}

// VPCQuotas is the body of VPC ShowQuota (GET /v1/{project_id}/quotas).
type VPCQuotas struct {
	Quotas VPCQuotaList `json:"quotas"`
}

// VPCQuotaList is its `quotas` object.
type VPCQuotaList struct {
	Resources []VPCQuotaResource `json:"resources"`
}

// VPCQuotaResource is one resource type's quota.
type VPCQuotaResource struct {
	Type  string `json:"type"`
	Used  *int64 `json:"used,omitempty"`
	Quota *int64 `json:"quota,omitempty"`
	Min   *int64 `json:"min,omitempty"`
}

// EVSQuota is one key of EVS CinderListQuotas's `quota_set`
// (GET /v2/{project_id}/os-quota-sets/{target_project_id}?usage=True).
type EVSQuota struct {
	Reserved *int64 `json:"reserved,omitempty"`
	Limit    *int64 `json:"limit,omitempty"`
	InUse    *int64 `json:"in_use,omitempty"`
}

// The vendors' example answers, verbatim. ECS: "查询租户配额" (ShowServerLimits, ecs_02_0801),
// which has no Spot fields. VPC: "查询配额" (ShowQuota, vpc_quota_0001), up to
// routetableContainRoutes: the entries after it (address_group, ...) were cut off in the copy
// read, so they are left out rather than made up. EVS: "查询租户的详细配额" (CinderListQuotas,
// evs_04_2073).
const (
	DefaultServerLimits = `{"absolute":{"maxServerMeta":128,"maxPersonality":5,"maxImageMeta":128,"maxPersonalitySize":10240,"maxSecurityGroupRules":20,"maxTotalKeypairs":-1,"totalRAMUsed":75776,"totalInstancesUsed":21,"maxSecurityGroups":10,"totalFloatingIpsUsed":0,"maxTotalCores":20480,"totalSecurityGroupsUsed":1,"maxTotalFloatingIps":10,"maxTotalInstances":2048,"totalCoresUsed":40,"maxTotalRAMSize":25165824,"maxServerGroups":10,"maxServerGroupMembers":16,"totalServerGroupsUsed":2}}`
	DefaultVPCQuotas    = `{"quotas":{"resources":[{"type":"vpc","used":4,"quota":150,"min":0},{"type":"subnet","used":5,"quota":400,"min":0},{"type":"securityGroup","used":1,"quota":100,"min":0},{"type":"securityGroupRule","used":6,"quota":5000,"min":0},{"type":"publicIp","used":2,"quota":10,"min":0},{"type":"vpn","used":0,"quota":5,"min":0},{"type":"vpngw","used":0,"quota":2,"min":0},{"type":"vpcPeer","used":0,"quota":50,"min":0},{"type":"physicalConnect","used":0,"quota":10,"min":0},{"type":"virtualInterface","used":0,"quota":50,"min":0},{"type":"firewall","used":0,"quota":200,"min":0},{"type":"shareBandwidth","used":0,"quota":5,"min":0},{"type":"shareBandwidthIP","used":0,"quota":20,"min":0},{"type":"loadbalancer","used":0,"quota":10,"min":0},{"type":"listener","used":0,"quota":10,"min":0},{"type":"vpcContainRoutetable","used":0,"quota":1,"min":0},{"type":"routetableContainRoutes","used":0,"quota":200,"min":0}]}}`
	DefaultEVSQuotaSet  = `{"quota_set":{"gigabytes_SAS":{"reserved":0,"limit":-1,"in_use":21},"volumes_SATA":{"reserved":0,"limit":-1,"in_use":8},"gigabytes":{"reserved":0,"limit":42790,"in_use":2792},"backup_gigabytes":{"reserved":0,"limit":5120,"in_use":51},"snapshots_SAS":{"reserved":0,"limit":-1,"in_use":0},"volumes_SSD":{"reserved":0,"limit":-1,"in_use":28},"snapshots":{"reserved":0,"limit":10,"in_use":6},"id":"cd631140887d4b6e9c786b67a6dd4c02","volumes_SAS":{"reserved":0,"limit":-1,"in_use":2},"snapshots_SSD":{"reserved":0,"limit":-1,"in_use":0},"volumes":{"reserved":0,"limit":-1,"in_use":108},"gigabytes_SATA":{"reserved":0,"limit":-1,"in_use":168},"backups":{"reserved":0,"limit":100,"in_use":10},"gigabytes_SSD":{"reserved":0,"limit":-1,"in_use":1085},"snapshots_SATA":{"reserved":0,"limit":-1,"in_use":0}}}`
)

// VPCQuotaTypes are the `type` values the VPC API reference documents.
var VPCQuotaTypes = []string{
	"vpc", "subnet", "securityGroup", "securityGroupRule", "publicIp", "vpn", "vpngw", "vpcPeer", "firewall",
	"shareBandwidth", "shareBandwidthIP", "loadbalancer", "listener", "physicalConnect", "virtualInterface",
	"vpcContainRoutetable", "routetableContainRoutes", "address_group", "flow_log",
}

func (h *Cloud) showServerLimits(_ *emulator.Exchange, _ url.Values) (int, any) {
	if h.data.ServerLimits == nil {
		return http.StatusOK, ECSServerLimits{Absolute: &ECSAbsoluteLimits{}}
	}
	return http.StatusOK, h.data.ServerLimits
}

// showQuota answers every resource, or those of the `type` asked for. The reference documents
// no answer for an undocumented type: the emulator refuses it as a bad request (its code
// VPC.0101 is the emulator's choice), so that a test sees any that gets through.
func (h *Cloud) showQuota(_ *emulator.Exchange, q url.Values) (int, any) {
	typ := q.Get("type")
	if q.Has("type") && !slices.Contains(VPCQuotaTypes, typ) {
		return http.StatusBadRequest, vpcError{Code: "VPC.0101", Message: "Invalid parameter: type"}
	}
	out := VPCQuotas{Quotas: VPCQuotaList{Resources: []VPCQuotaResource{}}}
	if h.data.VPCQuotas != nil {
		for _, r := range h.data.VPCQuotas.Quotas.Resources {
			if typ == "" || r.Type == typ {
				out.Quotas.Resources = append(out.Quotas.Resources, r)
			}
		}
	}
	return http.StatusOK, out
}

// vpcError is the VPC v1 APIs' error body.
type vpcError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// cinderError is the Cinder-compatible APIs' error body: the error class names the object.
type cinderError struct {
	BadRequest struct {
		Message string `json:"message"`
		Code    string `json:"code"`
	} `json:"badRequest"`
}

func cinderBadRequest(msg string) (int, any) {
	var e cinderError
	e.BadRequest.Message, e.BadRequest.Code = msg, "EVS.2001"
	return http.StatusBadRequest, e
}

// cinderListQuotas answers quota_set with the caller's project as its id. The reference
// says target_project_id must equal project_id and usage supports only True; the emulator
// refuses anything else as a bad request (its code EVS.2001 is the emulator's choice).
func (h *Cloud) cinderListQuotas(x *emulator.Exchange, q url.Values) (int, any) {
	segs := split(x.R.URL.Path)
	target := segs[len(segs)-1]
	if target != x.Rec.ProjectID {
		return cinderBadRequest("target_project_id must be the project_id of the request")
	}
	if q.Get("usage") != "True" {
		return cinderBadRequest("usage must be True")
	}
	set := map[string]any{"id": target}
	for k, v := range h.data.EVSQuotaSet {
		if !strings.EqualFold(k, "id") {
			set[k] = v
		}
	}
	return http.StatusOK, map[string]any{"quota_set": set}
}
