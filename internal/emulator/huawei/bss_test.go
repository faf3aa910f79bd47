package huawei_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/global"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	bss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bss/v2"
	bssmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bss/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

// bssClient is the SDK's BSS client with global credentials against the emulator; domainID
// "" makes the SDK resolve it through IAM.
func (f *fixture) bssClient(t *testing.T, domainID string) *bss.BssClient {
	t.Helper()
	b := global.NewCredentialsBuilder().WithAk(f.cred.AccessKey).WithSk(f.cred.SecretKey).WithIamEndpointOverride(f.srv.URL)
	if domainID != "" {
		b = b.WithDomainId(domainID)
	}
	cred, err := b.SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	hc, err := core.NewHcHttpClientBuilder().WithCredentialsType("global.Credentials").
		WithRegion(region.NewRegion("cn-north-1", f.srv.URL)).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return bss.NewBssClient(hc)
}

func list(t *testing.T, c *bss.BssClient, q bssmodel.QueryResourcesReq) (*bssmodel.ListPayPerUseCustomerResourcesResponse, error) {
	t.Helper()
	return c.ListPayPerUseCustomerResources(&bssmodel.ListPayPerUseCustomerResourcesRequest{Body: &q})
}

func ids(out *bssmodel.ListPayPerUseCustomerResourcesResponse) []string {
	var got []string
	for _, r := range *out.Data {
		got = append(got, *r.ResourceId)
	}
	return got
}

// The SDK's global credentials resolve the domain through IAM (/v3/auth/domains) and send
// it as a signed X-Domain-Id; the default answer's times are relative to the answer.
func TestBSSGlobalCredentials(t *testing.T) {
	f := newFixture(t, nil)
	before := time.Now()
	out, err := list(t, f.bssClient(t, ""), bssmodel.QueryResourcesReq{OnlyMainResource: ptr(int32(1))})
	if err != nil {
		t.Fatal(err)
	}
	if n := f.emu.Count("KeystoneListAuthDomains"); n != 1 {
		t.Errorf("IAM domain lookups: %d, want 1", n)
	}
	if *out.TotalCount != 3 || len(*out.Data) != 3 {
		t.Fatalf("main resources: total %d, %d listed, want 3 (the disk is attached)", *out.TotalCount, len(*out.Data))
	}
	hssRes := (*out.Data)[0]
	exp, err := time.Parse(time.RFC3339, *hssRes.ExpireTime)
	if err != nil {
		t.Fatal(err)
	}
	if d := exp.Sub(before); d < 240*time.Hour || d > 241*time.Hour {
		t.Errorf("now+240h became %s, %s after the request", *hssRes.ExpireTime, d)
	}
}

func TestBSSDomainRefusals(t *testing.T) {
	f := newFixture(t, nil)
	_, err := list(t, f.bssClient(t, "0123456789abcdef0123456789abcdef"), bssmodel.QueryResourcesReq{})
	wantServiceError(t, err, http.StatusForbidden, "APIGW.0301", "Incorrect IAM authentication information: the domain id does not belong to the user")
	if n := f.emu.Count("KeystoneListAuthDomains"); n != 0 {
		t.Errorf("a configured domain ID was looked up %d times", n)
	}
	// A project-scoped signature (no X-Domain-Id) is refused by a global API.
	resp, body := signedPost(t, f.srv.URL, "/v2/orders/suscriptions/resources/query", `{}`, f.cred.AccessKey, f.cred.SecretKey)
	if resp.StatusCode != http.StatusUnauthorized || body["error_code"] != "APIGW.0301" {
		t.Errorf("without X-Domain-Id: %d %v", resp.StatusCode, body)
	}
}

func bssData(n int) *all.Data {
	d := all.DefaultData()
	d.HuaweiCloud.CustomerResources = &huawei.BSSCustomerResources{}
	for i := range n {
		code := "hws.service.type.hss"
		if i%2 == 1 {
			code = "hws.service.type.ec2"
		}
		d.HuaweiCloud.CustomerResources.Data = append(d.HuaweiCloud.CustomerResources.Data, huawei.BSSResource{
			ResourceID: ptr(fmt.Sprintf("r%03d", i)), ServiceTypeCode: &code, Status: ptr(int32(2)),
			IsMainResource: ptr(int32(1)), ExpireTime: ptr(fmt.Sprintf("now+%dh", 24*(i+1))),
		})
	}
	return d
}

// Filters apply as the API reference describes them; offset and limit page the matches and
// total_count counts them all.
func TestBSSFiltersAndPaging(t *testing.T) {
	f := newFixture(t, bssData(30))
	c := f.bssClient(t, "")
	now := time.Now().UTC()
	cases := []struct {
		name  string
		q     bssmodel.QueryResourcesReq
		total int32
		first string
		n     int
	}{
		{"default limit 10", bssmodel.QueryResourcesReq{}, 30, "r000", 10},
		{"offset and limit", bssmodel.QueryResourcesReq{Offset: ptr(int32(25)), Limit: ptr(int32(10))}, 30, "r025", 5},
		{"offset past the end", bssmodel.QueryResourcesReq{Offset: ptr(int32(40))}, 30, "", 0},
		{"product", bssmodel.QueryResourcesReq{ServiceTypeCode: ptr("hws.service.type.ec2"), Limit: ptr(int32(100))}, 15, "r001", 15},
		{"resource ids", bssmodel.QueryResourcesReq{ResourceIds: &[]string{"r003", "r007", "nope"}}, 2, "r003", 2},
		{"window of 5 days from now", bssmodel.QueryResourcesReq{
			ExpireTimeBegin: ptr(now.Format("2006-01-02T15:04:05Z")),
			ExpireTimeEnd:   ptr(now.Add(5*24*time.Hour + time.Hour).Format("2006-01-02T15:04:05Z")),
		}, 5, "r000", 5},
		{"status not listed", bssmodel.QueryResourcesReq{StatusList: &[]int32{5}}, 0, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := list(t, c, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(out)
			if *out.TotalCount != tc.total || len(got) != tc.n || (tc.n > 0 && got[0] != tc.first) {
				t.Errorf("total %d, listed %v; want total %d, %d from %s", *out.TotalCount, got, tc.total, tc.n, tc.first)
			}
		})
	}
}

// only_main_resource = 1 leaves attached resources out, unless named; 0 lists a named
// resource's attached ones too.
func TestBSSMainResources(t *testing.T) {
	f := newFixture(t, nil)
	c := f.bssClient(t, "")
	server, disk := "3f2c5a1e-6b7d-4c8e-9f0a-1b2c3d4e5f60", "8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d"
	for _, tc := range []struct {
		main int32
		ids  []string
		want int
	}{{1, []string{server}, 1}, {0, []string{server}, 2}, {1, []string{disk}, 1}, {0, nil, 4}} {
		q := bssmodel.QueryResourcesReq{OnlyMainResource: ptr(tc.main)}
		if tc.ids != nil {
			q.ResourceIds = &tc.ids
		}
		out, err := list(t, c, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(*out.Data) != tc.want {
			t.Errorf("only_main_resource %d, ids %v: %v, want %d", tc.main, tc.ids, ids(out), tc.want)
		}
	}
}

func TestBSSInvalidParameters(t *testing.T) {
	f := newFixture(t, nil)
	c := f.bssClient(t, "")
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprint(i)
	}
	for name, q := range map[string]bssmodel.QueryResourcesReq{
		"resource_ids":       {ResourceIds: &many},
		"only_main_resource": {OnlyMainResource: ptr(int32(2))},
		"service_type_code":  {ServiceTypeCode: ptr("")},
		"expire_time_begin":  {ExpireTimeBegin: ptr("2026-01-01 00:00:00")},
		"limit":              {Limit: ptr(int32(0))},
		"offset":             {Offset: ptr(int32(-1))},
	} {
		_, err := list(t, c, q)
		wantServiceError(t, err, http.StatusBadRequest, "CBC.0100", "Invalid parameter: "+name)
	}
}

// The request body is recorded, for tests of what a client sent.
func TestBSSRecordsBody(t *testing.T) {
	f := newFixture(t, nil)
	if _, err := list(t, f.bssClient(t, ""), bssmodel.QueryResourcesReq{ServiceTypeCode: ptr("hws.service.type.hss")}); err != nil {
		t.Fatal(err)
	}
	for _, r := range f.emu.Requests() {
		if r.Action != huawei.ActionListCustomerResources {
			continue
		}
		var body map[string]any
		if err := json.Unmarshal([]byte(r.Body), &body); err != nil || body["service_type_code"] != "hws.service.type.hss" {
			t.Errorf("recorded body %q", r.Body)
		}
	}
}

// signedPost signs a JSON POST with ak/sk and nothing else (no project, no domain).
func signedPost(t *testing.T, base, path, body, ak, sk string) (*http.Response, map[string]any) {
	t.Helper()
	req := request.NewHttpRequestBuilder().WithEndpoint(base).WithPath(path).WithMethod("POST").
		AddHeaderParam("Content-Type", "application/json").WithBody("body", json.RawMessage(body)).Build()
	extra, err := signer.Sign(req, ak, sk)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range extra {
		req.AddHeaderParam(k, v)
	}
	hr, err := req.ConvertRequest()
	if err != nil {
		t.Fatal(err)
	}
	return do(t, hr)
}
