package huawei_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	ecs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ecs/v2"
	ecsmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ecs/v2/model"
	evs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/evs/v2"
	evsmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/evs/v2/model"
	vpc "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpc/v2"
	vpcmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpc/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// quotaClients are the SDK's ECS, VPC and EVS clients against f, resolving the project
// through IAM as the provider does.
func (f *fixture) quotaClients(t *testing.T) (*ecs.EcsClient, *vpc.VpcClient, *evs.EvsClient) {
	t.Helper()
	reg := region.NewRegion(testRegion, f.srv.URL)
	e, err := ecs.EcsClientBuilder().WithRegion(reg).WithCredential(f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, "", "")).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	v, err := vpc.VpcClientBuilder().WithRegion(reg).WithCredential(f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, "", "")).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	s, err := evs.EvsClientBuilder().WithRegion(reg).WithCredential(f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, "", "")).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return ecs.NewEcsClient(e), vpc.NewVpcClient(v), evs.NewEvsClient(s)
}

// sameAs fails t unless got and the vendor example decode to the same SDK model.
func sameAs[T any](t *testing.T, got *T, example string) {
	t.Helper()
	var want T
	if err := json.Unmarshal([]byte(example), &want); err != nil {
		t.Fatal(err)
	}
	if g, w := mustJSON(t, got), mustJSON(t, &want); g != w {
		t.Errorf("answer\n%s\nwant the vendor example\n%s", g, w)
	}
}

// By default the three quota APIs answer the vendors' examples, as the SDK reads them.
func TestQuotaAPIsAnswerVendorExamples(t *testing.T) {
	f := newFixture(t, nil)
	e, v, s := f.quotaClients(t)

	limits, err := e.ShowServerLimits(&ecsmodel.ShowServerLimitsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	limits.HttpStatusCode = 0
	sameAs(t, limits, seeds.HuaweiECSServerLimits)

	quotas, err := v.ShowQuota(&vpcmodel.ShowQuotaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	quotas.HttpStatusCode = 0
	sameAs(t, quotas, seeds.HuaweiVPCQuotas)

	project := f.emu.Huawei.ProjectID(testRegion)
	set, err := s.CinderListQuotas(&evsmodel.CinderListQuotasRequest{
		TargetProjectId: project, Usage: evsmodel.GetCinderListQuotasRequestUsageEnum().TRUE,
	})
	if err != nil {
		t.Fatal(err)
	}
	if set.QuotaSet == nil || set.QuotaSet.Id != project {
		t.Errorf("quota_set id = %+v, want the caller's project %s", set.QuotaSet, project)
	}
	set.HttpStatusCode, set.QuotaSet.Id = 0, "cd631140887d4b6e9c786b67a6dd4c02"
	sameAs(t, set, seeds.HuaweiEVSQuotaSet)
}

// The emulator's defaults are the examples in internal/seeds, verbatim.
func TestQuotaDefaultsAreTheSeeds(t *testing.T) {
	for _, c := range []struct{ emu, seed string }{
		{huawei.DefaultServerLimits, seeds.HuaweiECSServerLimits},
		{huawei.DefaultVPCQuotas, seeds.HuaweiVPCQuotas},
		{huawei.DefaultEVSQuotaSet, seeds.HuaweiEVSQuotaSet},
	} {
		var a, b any
		if json.Unmarshal([]byte(c.emu), &a) != nil || json.Unmarshal([]byte(c.seed), &b) != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("default %s\ndiffers from the seed %s", c.emu, c.seed)
		}
	}
}

// VPC's type picks one resource type, a documented type the SDK's enumeration lacks included;
// an undocumented type is a bad request.
func TestShowQuotaType(t *testing.T) {
	f := newFixture(t, loadExample(t))
	_, v, _ := f.quotaClients(t)
	typed := func(s string) *vpcmodel.ShowQuotaRequestType {
		var typ vpcmodel.ShowQuotaRequestType
		if err := typ.UnmarshalJSON([]byte(strconv.Quote(s))); err != nil {
			t.Fatal(err)
		}
		return &typ
	}
	out, err := v.ShowQuota(&vpcmodel.ShowQuotaRequest{Type: typed("address_group")})
	if err != nil {
		t.Fatal(err)
	}
	if rs := out.Quotas.Resources; len(rs) != 1 || rs[0].Type.Value() != "address_group" || rs[0].Quota != -1 {
		t.Errorf("resources = %+v, want address_group alone with quota -1", rs)
	}
	_, err = v.ShowQuota(&vpcmodel.ShowQuotaRequest{Type: typed("eip")})
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) || se.StatusCode != http.StatusBadRequest {
		t.Errorf("undocumented type: %v, want a 400", err)
	}
}

// EVS's target project must be the caller's own, and usage must be True.
func TestCinderListQuotasRefusals(t *testing.T) {
	f := newFixture(t, nil)
	_, _, s := f.quotaClients(t)
	_, err := s.CinderListQuotas(&evsmodel.CinderListQuotasRequest{
		TargetProjectId: "0123456789abcdef0123456789abcdef", Usage: evsmodel.GetCinderListQuotasRequestUsageEnum().TRUE,
	})
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) || se.StatusCode != http.StatusBadRequest {
		t.Errorf("another project as the target: %v, want a 400", err)
	}
}
