package alibaba

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"

	alibabaclient "github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
)

// aliRPC calls an RPC action with params as the generated clients send them: in the form
// body (Quota Center's client) or in the query (ECS's).
func aliRPC(c *openapi.Client, action, version string, params map[string]string, form bool) (map[string]any, error) {
	req := &openapi.OpenApiRequest{}
	if form {
		body := map[string]any{}
		for k, v := range params {
			body[k] = v
		}
		req.Body = body
	} else {
		q := map[string]*string{}
		for k, v := range params {
			q[k] = dara.String(v)
		}
		req.Query = q
	}
	return c.CallApi(alibabaclient.RPCParams(action, version, "string"), req, &dara.RuntimeOptions{})
}

func listQuotas(t *testing.T, c *openapi.Client, params map[string]string) quotasPage {
	t.Helper()
	res, err := aliRPC(c, quotasListProductQuotas, quotasVersion, params, true)
	if err != nil {
		t.Fatal(err)
	}
	var page quotasPage
	if err := json.Unmarshal([]byte(res["body"].(string)), &page); err != nil {
		t.Fatal(err)
	}
	return page
}

func codes(qs []QuotaCenterQuota) string {
	var out []string
	for _, q := range qs {
		out = append(out, q.QuotaActionCode)
	}
	return strings.Join(out, ",")
}

// Paging honours MaxResults and NextToken: the five general ECS quotas with usage and two
// without in cn-hangzhou come back over four pages of two, in order, once each.
func TestQuotasPaging(t *testing.T) {
	f := newAliFixture(t, nil, false)
	c := f.client(t, nil)
	params := map[string]string{"ProductCode": "ecs", "MaxResults": "2", "Dimensions.1.Key": "regionId", "Dimensions.1.Value": "cn-hangzhou"}
	var all []QuotaCenterQuota
	tokens := []string{""}
	for {
		page := listQuotas(t, c, params)
		if page.TotalCount != 7 || page.MaxResults != 2 || len(page.Quotas) > 2 || !aliUUID.MatchString(page.RequestID) {
			t.Fatalf("page %+v", page)
		}
		all = append(all, page.Quotas...)
		if page.NextToken == "" {
			break
		}
		tokens = append(tokens, page.NextToken)
		params["NextToken"] = page.NextToken
	}
	if len(tokens) != 4 {
		t.Errorf("%d pages, want 4", len(tokens))
	}
	want := "q_security-groups,q_elastic-network-interfaces,q_dedicated-hosts,q_postpaid-vcpu,q_postpaid-disk-capacity,q_security-group-rules,q_image-share-accounts"
	if got := codes(all); got != want {
		t.Errorf("codes %s, want %s", got, want)
	}
	if q := all[0]; *q.TotalQuota != 801 || *q.TotalUsage != 26 || q.Dimensions["regionId"] != "cn-hangzhou" {
		t.Errorf("the reference's example: %+v", q)
	}
	// The parameters came in the form body, signed, and the record shows them.
	rec := f.lastRecord(t)
	if rec.Action != quotasListProductQuotas || rec.Query.Get("NextToken") != tokens[3] || rec.Query.Get("MaxResults") != "2" {
		t.Errorf("record %+v", rec)
	}
}

// QuotaCategory selects the kind (general when unset); dimensions select quotas; no
// dimension reads every region's.
func TestQuotasFilters(t *testing.T) {
	f := newAliFixture(t, nil, false)
	c := f.client(t, nil)
	hz := map[string]string{"Dimensions.1.Key": "regionId", "Dimensions.1.Value": "cn-hangzhou"}
	with := func(extra map[string]string) map[string]string {
		p := map[string]string{"ProductCode": "ecs", "MaxResults": "100"}
		for k, v := range hz {
			p[k] = v
		}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	for category, want := range map[string]string{
		"FlowControl":    "DescribeInstances",
		"WhiteListLabel": "ecs_privilege_dedicated_host",
	} {
		if got := codes(listQuotas(t, c, with(map[string]string{"QuotaCategory": category})).Quotas); got != want {
			t.Errorf("%s: %s, want %s", category, got, want)
		}
	}
	if n := len(listQuotas(t, c, with(map[string]string{"QuotaCategory": "CommonQuota"})).Quotas); n != 7 {
		t.Errorf("CommonQuota: %d quotas, want 7", n)
	}
	page := listQuotas(t, c, map[string]string{"ProductCode": "ecs", "MaxResults": "100"})
	if page.TotalCount != 7*len(defaultQuotaRegions) {
		t.Errorf("no dimension: %d quotas, want every region's", page.TotalCount)
	}
	if got := codes(listQuotas(t, c, with(map[string]string{"Dimensions.1.Value": "ap-southeast-1"})).Quotas); !strings.HasPrefix(got, "q_security-groups,") {
		t.Errorf("ap-southeast-1: %s", got)
	}
}

// Refusals are Quota Center's error answers.
func TestQuotasErrors(t *testing.T) {
	f := newAliFixture(t, nil, false)
	c := f.client(t, nil)
	for name, tc := range map[string]struct {
		params map[string]string
		code   string
	}{
		"no product":        {map[string]string{}, "MissingProductCode"},
		"unknown product":   {map[string]string{"ProductCode": "nope"}, "PARAMETER.ILLEGALL"},
		"bad category":      {map[string]string{"ProductCode": "ecs", "QuotaCategory": "Common"}, "PARAMETER.ILLEGALL"},
		"MaxResults 0":      {map[string]string{"ProductCode": "ecs", "MaxResults": "0"}, "PARAMETER.ILLEGALL"},
		"bad token":         {map[string]string{"ProductCode": "ecs", "NextToken": "x"}, "PARAMETER.ILLEGALL"},
		"unknown dimension": {map[string]string{"ProductCode": "ecs", "Dimensions.1.Key": "color", "Dimensions.1.Value": "red"}, "QUOTA.DIMENSION.UNSUPPORT"},
		"unknown region":    {map[string]string{"ProductCode": "ecs", "Dimensions.1.Key": "regionId", "Dimensions.1.Value": "xx-nowhere-1"}, "QUOTA.DIMENSION.VALUE.UNSUPPORT"},
		"half a dimension":  {map[string]string{"ProductCode": "ecs", "Dimensions.1.Key": "regionId"}, "PARAMETER.ILLEGALL"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := aliRPC(c, quotasListProductQuotas, quotasVersion, tc.params, true)
			if err == nil || !strings.Contains(err.Error(), tc.code) {
				t.Errorf("err = %v, want %s", err, tc.code)
			}
			if rec := f.lastRecord(t); rec.Status != http.StatusBadRequest {
				t.Errorf("status %d", rec.Status)
			}
		})
	}
}

func describeAttributes(t *testing.T, c *openapi.Client, params map[string]string) ecsAccountAttributes {
	t.Helper()
	res, err := aliRPC(c, ecsDescribeAccountAttributes, ecsVersion, params, false)
	if err != nil {
		t.Fatal(err)
	}
	var out ecsAccountAttributes
	if err := json.Unmarshal([]byte(res["body"].(string)), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// DescribeAccountAttributes answers the attributes asked for (all without AttributeName.N),
// keeps a zone's values and those naming none, and refuses unknown regions, zones of other
// regions and unknown attribute names as ECS does.
func TestECSAccountAttributes(t *testing.T) {
	data := DefaultData()
	zone, other := "cn-hangzhou-b", "cn-hangzhou-h"
	data.ECSAttributes["cn-hangzhou"] = append(data.ECSAttributes["cn-hangzhou"], ECSAttribute{
		AttributeName:   "max-spot-instance-vcpu-count",
		AttributeValues: ECSAttributeValues{ValueItem: []ECSValueItem{{Value: "10", ZoneId: &zone}, {Value: "20", ZoneId: &other}}},
	})
	f := newAliFixture(t, &data, false)
	c := f.client(t, nil)
	all := describeAttributes(t, c, map[string]string{"RegionId": "cn-hangzhou"})
	if n := len(all.AccountAttributeItems.AccountAttributeItem); n != 12 {
		t.Errorf("%d attributes, want 12", n)
	}
	if rec := f.lastRecord(t); rec.Region != "cn-hangzhou" {
		t.Errorf("record region %q", rec.Region)
	}
	some := describeAttributes(t, c, map[string]string{"RegionId": "cn-hangzhou", "ZoneId": zone,
		"AttributeName.1": "max-spot-instance-vcpu-count", "AttributeName.2": "max-security-groups"})
	var values []string
	for _, item := range some.AccountAttributeItems.AccountAttributeItem {
		for _, v := range item.AttributeValues.ValueItem {
			values = append(values, item.AttributeName+"="+v.Value)
		}
	}
	if got := strings.Join(values, " "); got != "max-security-groups=800 max-spot-instance-vcpu-count=800 max-spot-instance-vcpu-count=10" {
		t.Errorf("values %s", got)
	}
	for name, tc := range map[string]struct {
		params map[string]string
		status int
		code   string
	}{
		"no region":      {map[string]string{}, 400, "MissingParameter"},
		"unknown region": {map[string]string{"RegionId": "xx-nowhere-1"}, 404, "InvalidRegionId.NotFound"},
		"other zone":     {map[string]string{"RegionId": "cn-hangzhou", "ZoneId": "cn-beijing-a"}, 404, "InvalidZoneId.NotFound"},
		"bad attribute":  {map[string]string{"RegionId": "cn-hangzhou", "AttributeName.1": "max-nothing"}, 400, "InvalidParameter"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := aliRPC(c, ecsDescribeAccountAttributes, ecsVersion, tc.params, false)
			if err == nil || !strings.Contains(err.Error(), tc.code) {
				t.Errorf("err = %v, want %s", err, tc.code)
			}
			if rec := f.lastRecord(t); rec.Status != tc.status {
				t.Errorf("status %d, want %d", rec.Status, tc.status)
			}
		})
	}
}

// An action is served only at its own version.
func TestAlibabaRoutesByVersion(t *testing.T) {
	f := newAliFixture(t, nil, false)
	c := f.client(t, nil)
	if _, err := aliRPC(c, ecsDescribeAccountAttributes, quotasVersion, map[string]string{"RegionId": "cn-hangzhou"}, false); err == nil ||
		!strings.Contains(err.Error(), "InvalidAction.NotFound") {
		t.Errorf("ECS action at Quota Center's version: %v", err)
	}
}
