package huawei_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	hss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
	hssmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/model"
	metastudio "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1"
	msmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/emutest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

const testRegion = "cn-north-4"

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

// akSeq makes access keys unique per test, because the SDK caches resolved
// project IDs process-wide by AK and region.
var akSeq atomic.Int64

func uniqueCred() emulator.Credential {
	n := akSeq.Add(1)
	return emulator.Credential{AccessKey: fmt.Sprintf("TESTAK%06d", n), SecretKey: fmt.Sprintf("test-sk-%d", n)}
}

type fixture struct {
	emu  *all.Server
	srv  *httptest.Server
	cred emulator.Credential
}

func newFixture(t *testing.T, data *all.Data, extra ...emulator.Credential) *fixture {
	t.Helper()
	cred := uniqueCred()
	emu := all.New(all.Options{NoLimits: true, Data: data, Huawei: huawei.Options{Credentials: append([]emulator.Credential{cred}, extra...)}})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return &fixture{emu: emu, srv: srv, cred: cred}
}

// credentials builds SDK credentials; projectID "" makes the SDK resolve it
// through IAM.
func (f *fixture) credentials(t *testing.T, ak, sk, projectID, token string) *basic.Credentials {
	t.Helper()
	b := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithIamEndpointOverride(f.srv.URL)
	if projectID != "" {
		b = b.WithProjectId(projectID)
	}
	if token != "" {
		b = b.WithSecurityToken(token)
	}
	c, err := b.SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fixture) hss(t *testing.T, c *basic.Credentials) (*hss.HssClient, error) {
	t.Helper()
	hc, err := hss.HssClientBuilder().WithRegion(region.NewRegion(testRegion, f.srv.URL)).WithCredential(c).SafeBuild()
	if err != nil {
		return nil, err
	}
	return hss.NewHssClient(hc), nil
}

func (f *fixture) metastudio(t *testing.T, c *basic.Credentials) *metastudio.MetaStudioClient {
	t.Helper()
	hc, err := metastudio.MetaStudioClientBuilder().WithRegion(region.NewRegion(testRegion, f.srv.URL)).WithCredential(c).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return metastudio.NewMetaStudioClient(hc)
}

// defaultClients resolves the project via IAM, as the provider does.
func (f *fixture) defaultClients(t *testing.T) (*hss.HssClient, *metastudio.MetaStudioClient) {
	t.Helper()
	h, err := f.hss(t, f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, "", ""))
	if err != nil {
		t.Fatal(err)
	}
	return h, f.metastudio(t, f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, "", ""))
}

func ptr[T any](v T) *T { return &v }

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func loadExample(t *testing.T) *all.Data {
	t.Helper()
	d, err := all.LoadData("../testdata/example-data.json")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSDKResolvesProjectThroughIAM(t *testing.T) {
	f := newFixture(t, nil)
	h, _ := f.defaultClients(t)
	if _, err := h.ShowImagePayPerScanStatistics(&hssmodel.ShowImagePayPerScanStatisticsRequest{EnterpriseProjectId: ptr("all_granted_eps")}); err != nil {
		t.Fatal(err)
	}
	reqs := f.emu.Requests()
	if len(reqs) != 2 {
		t.Fatalf("got %d requests: %+v", len(reqs), reqs)
	}
	iam, call := reqs[0], reqs[1]
	if iam.Action != "KeystoneListProjects" || iam.Query.Get("name") != testRegion || iam.ProjectID != "" || iam.Status != 200 {
		t.Errorf("IAM record %+v", iam)
	}
	want := f.emu.Huawei.ProjectID(testRegion)
	if !hex32.MatchString(want) {
		t.Errorf("derived project ID %q is not 32 hex", want)
	}
	if call.Cloud != "huaweicloud" || call.Action != "ShowImagePayPerScanStatistics" || call.ProjectID != want ||
		call.AccessKey != f.cred.AccessKey || call.Method != "GET" || call.Status != 200 ||
		call.Path != "/v5/"+want+"/image/pay-per-scan/statistics" || call.Query.Get("enterprise_project_id") != "all_granted_eps" ||
		!hex32.MatchString(call.RequestID) {
		t.Errorf("call record %+v", call)
	}

	// Configured projects win over derived ones.
	data := all.DefaultData()
	data.HuaweiCloud.Projects = map[string]string{testRegion: "0123456789abcdef0123456789abcdef"}
	f2 := newFixture(t, data)
	f2.defaultClients(t)
	if got := f2.emu.Requests()[0]; got.Action != "KeystoneListProjects" {
		t.Fatalf("first request %+v", got)
	}
	if got := f2.emu.Huawei.ProjectID(testRegion); got != "0123456789abcdef0123456789abcdef" {
		t.Errorf("HuaweiProjectID = %q", got)
	}
}

func TestSDKResponses(t *testing.T) {
	def := newFixture(t, nil)
	ex := newFixture(t, loadExample(t))
	defHSS, defMS := def.defaultClients(t)
	exHSS, exMS := ex.defaultClients(t)

	tests := []struct {
		name   string
		call   func() (any, error)
		want   string // JSON of the SDK's decoded response (HttpStatusCode is not serialized); NOW: the emulator's start, resolved from "now"
		action string
		emu    *all.Server
	}{
		{
			name: "default statistics",
			call: func() (any, error) {
				return defHSS.ShowImagePayPerScanStatistics(&hssmodel.ShowImagePayPerScanStatisticsRequest{})
			},
			want:   `{"repository_scan_num":5,"cicd_scan_num":10,"free_quota_num":2,"already_given":true,"image_free_quota":10}`,
			action: "ShowImagePayPerScanStatistics", emu: def.emu,
		},
		{
			name: "example statistics with nested risk counts",
			call: func() (any, error) {
				return exHSS.ShowImagePayPerScanStatistics(&hssmodel.ShowImagePayPerScanStatisticsRequest{})
			},
			want:   `{"repository_scan_num":42,"cicd_scan_num":17,"free_quota_num":3,"already_given":true,"image_free_quota":10,"high_risk":{"local":1,"registriy":4,"cicd":2},"has_risk":{"local":3,"registriy":9,"cicd":5},"total":{"local":20,"registriy":60,"cicd":25},"unscan":{"local":6,"registriy":11,"cicd":0}}`,
			action: "ShowImagePayPerScanStatistics", emu: ex.emu,
		},
		{
			name: "default quotas",
			call: func() (any, error) {
				return defHSS.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
			},
			want:   `{"data_list":[{"version":"hss.version.basic","total_num":2,"used_num":1,"available_num":1,"available_resources_list":[{"resource_id":"9ecb83a7-8b03-4e37-a26d-c3e90ca97eea","current_time":"2022-09-17T17:00:24Z","shared_quota":"shared"}]}]}`,
			action: "ShowResourceQuotas", emu: def.emu,
		},
		{
			name: "quotas filtered by version",
			call: func() (any, error) {
				return exHSS.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{Version: ptr("hss.version.premium"), ChargingMode: ptr("packet_cycle"), EnterpriseProjectId: ptr("0")})
			},
			want:   `{"data_list":[{"version":"hss.version.premium","total_num":50,"used_num":30,"available_num":20,"available_resources_list":[{"resource_id":"2f4d6a8c-1b3e-4c5d-9e7f-0a1b2c3d4e5f","current_time":"NOW","shared_quota":"shared"},{"resource_id":"7c9e1a3b-5d7f-4a2c-8e6b-1d3f5a7c9e0b","current_time":"NOW","shared_quota":"unshared"}]}]}`,
			action: "ShowResourceQuotas", emu: ex.emu,
		},
		{
			name: "quotas filter matching nothing",
			call: func() (any, error) {
				return exHSS.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{Version: ptr("hss.version.wtp")})
			},
			want:   `{"data_list":[]}`,
			action: "ShowResourceQuotas", emu: ex.emu,
		},
		{
			name: "default resources count",
			call: func() (any, error) {
				return defMS.CountTenantResources(&msmodel.CountTenantResourcesRequest{})
			},
			want:   `{"resources_count":[{"business_type":"LIVE_2D","count":1,"charging_mode":"ONE_TIME","resource_source":"SP_ALLOCATED"}]}`,
			action: "CountTenantResources", emu: def.emu,
		},
		{
			name: "resources count filtered by business and time",
			call: func() (any, error) {
				return exMS.CountTenantResources(&msmodel.CountTenantResourcesRequest{
					Business:                ptr("VIDEO_2D,VOICE_CLONE,CHAT_2D"),
					ResourceExpireStartTime: ptr("2024-01-01T00:00:00+08:00"),
					ResourceExpireEndTime:   ptr("2025-01-01T00:00:00Z"),
				})
			},
			want:   `{"resources_count":[{"business_type":"VIDEO_2D","count":12,"charging_mode":"PERIODIC","resource_source":"PURCHASED"},{"business_type":"VOICE_CLONE","count":3,"charging_mode":"ONE_TIME","resource_source":"PURCHASED"}]}`,
			action: "CountTenantResources", emu: ex.emu,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tt.emu.Count(tt.action)
			resp, err := tt.call()
			if err != nil {
				t.Fatal(err)
			}
			got := mustJSON(t, resp)
			// The metastudio model also carries the X-Request-Id header.
			got = regexp.MustCompile(`,?"X-Request-Id":"[0-9a-f]{32}"`).ReplaceAllString(got, "")
			want := "^" + strings.ReplaceAll(regexp.QuoteMeta(tt.want), "NOW", `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`) + "$"
			if !regexp.MustCompile(want).MatchString(got) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if n := tt.emu.Count(tt.action); n != before+1 {
				t.Errorf("Count(%s) = %d, want %d", tt.action, n, before+1)
			}
		})
	}

	// The record keeps the query exactly as sent.
	reqs := ex.emu.Requests()
	last := reqs[len(reqs)-1]
	if last.Query.Get("business") != "VIDEO_2D,VOICE_CLONE,CHAT_2D" || last.Query.Get("resource_expire_start_time") != "2024-01-01T00:00:00+08:00" {
		t.Errorf("query recorded %v", last.Query)
	}
}

func TestSDKOmittedFieldsStayOmitted(t *testing.T) {
	data := all.DefaultData()
	data.HuaweiCloud.ResourceQuotas = &huawei.HSSResourceQuotas{DataList: []huawei.HSSResourceQuota{{Version: ptr("hss.version.enterprise"), TotalNum: ptr(int32(4))}}}
	data.HuaweiCloud.ImagePayPerScanStatistics = &huawei.HSSImageScanStatistics{FreeQuotaNum: ptr(int32(0))}
	f := newFixture(t, data)
	h, _ := f.defaultClients(t)
	q, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	e := (*q.DataList)[0]
	if *e.TotalNum != 4 || e.UsedNum != nil || e.AvailableNum != nil || e.AvailableResourcesList != nil {
		t.Errorf("quota %s", mustJSON(t, e))
	}
	s, err := h.ShowImagePayPerScanStatistics(&hssmodel.ShowImagePayPerScanStatisticsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if s.FreeQuotaNum == nil || *s.FreeQuotaNum != 0 || s.RepositoryScanNum != nil || s.HighRisk != nil {
		t.Errorf("statistics %s", mustJSON(t, s))
	}
}

// wantServiceError checks err is the SDK's service error with these fields.
func wantServiceError(t *testing.T, err error, status int, code, msg string) {
	t.Helper()
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) {
		t.Fatalf("error %T %v, want *sdkerr.ServiceResponseError", err, err)
	}
	if se.StatusCode != status || se.ErrorCode != code || se.ErrorMessage != msg || !hex32.MatchString(se.RequestId) {
		t.Errorf("got status=%d code=%q msg=%q request_id=%q; want %d %q %q", se.StatusCode, se.ErrorCode, se.ErrorMessage, se.RequestId, status, code, msg)
	}
}

func TestSDKErrors(t *testing.T) {
	tokenCred := uniqueCred()
	tokenCred.SecurityToken = "emulator-session-token"
	f := newFixture(t, nil, tokenCred)
	project := f.emu.Huawei.ProjectID(testRegion)
	good := f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, project, "")
	h, err := f.hss(t, good)
	if err != nil {
		t.Fatal(err)
	}
	ms := f.metastudio(t, good)
	hssWith := func(c *basic.Credentials) *hss.HssClient {
		cl, err := f.hss(t, c)
		if err != nil {
			t.Fatal(err)
		}
		return cl
	}
	quotas := func(c *hss.HssClient) error {
		_, err := c.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
		return err
	}
	count := func(business, start, end string) func() error {
		return func() error {
			req := &msmodel.CountTenantResourcesRequest{}
			if business != "" {
				req.Business = &business
			}
			if start != "" {
				req.ResourceExpireStartTime = &start
			}
			if end != "" {
				req.ResourceExpireEndTime = &end
			}
			_, err := ms.CountTenantResources(req)
			return err
		}
	}
	const authFail = "Incorrect IAM authentication information: verify aksk signature fail"

	tests := []struct {
		name   string
		call   func() error
		status int
		code   string
		msg    string
	}{
		{"wrong secret", func() error {
			return quotas(hssWith(f.credentials(t, f.cred.AccessKey, "not-the-secret", project, "")))
		}, 401, "APIGW.0301", authFail},
		{"unknown access key", func() error {
			return quotas(hssWith(f.credentials(t, "NOSUCHAK", "whatever", project, "")))
		}, 401, "APIGW.0301", "Incorrect IAM authentication information: ak NOSUCHAK not exist"},
		{"foreign project", func() error {
			return quotas(hssWith(f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, "ffffffffffffffffffffffffffffffff", "")))
		}, 403, "APIGW.0301", "Incorrect IAM authentication information: the project id does not belong to the user"},
		{"security token required", func() error {
			return quotas(hssWith(f.credentials(t, tokenCred.AccessKey, tokenCred.SecretKey, project, "")))
		}, 401, "APIGW.0301", "Incorrect IAM authentication information: decrypt token fail"},
		{"security token wrong", func() error {
			return quotas(hssWith(f.credentials(t, tokenCred.AccessKey, tokenCred.SecretKey, project, "other-token")))
		}, 401, "APIGW.0301", "Incorrect IAM authentication information: decrypt token fail"},
		{"unexpected security token", func() error {
			return quotas(hssWith(f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, project, "stray-token")))
		}, 401, "APIGW.0301", "Incorrect IAM authentication information: decrypt token fail"},
		{"bad version", func() error {
			_, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{Version: ptr("hss.version.gold")})
			return err
		}, 400, "HSS.1001", "Invalid parameter: version"},
		{"bad charging mode", func() error {
			_, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{ChargingMode: ptr("monthly")})
			return err
		}, 400, "HSS.1001", "Invalid parameter: charging_mode"},
		{"bad business", count("LIVE_2D,HOLOGRAM", "", ""), 400, "MSS.00000003", "Invalid parameter"},
		{"bad start time", count("", "2024-13-01", ""), 400, "MSS.00000003", "Invalid parameter"},
		{"bad end time", count("", "", "yesterday"), 400, "MSS.00000003", "Invalid parameter"},
		{"end before start", count("", "2024-06-01T00:00:00Z", "2024-01-01T00:00:00Z"), 400, "MSS.00000003", "Invalid parameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantServiceError(t, tt.call(), tt.status, tt.code, tt.msg)
		})
	}

	// The right security token is accepted.
	if err := quotas(hssWith(f.credentials(t, tokenCred.AccessKey, tokenCred.SecretKey, project, tokenCred.SecurityToken))); err != nil {
		t.Errorf("with security token: %v", err)
	}
	// Failed requests are recorded with their status and the claimed AK.
	for _, rq := range f.emu.Requests() {
		if rq.AccessKey == "NOSUCHAK" && rq.Status != 401 {
			t.Errorf("record %+v", rq)
		}
	}
}

func TestSDKIAMRefusesWrongSecret(t *testing.T) {
	f := newFixture(t, nil)
	_, err := f.hss(t, f.credentials(t, f.cred.AccessKey, "wrong", "", ""))
	if err == nil || !strings.Contains(err.Error(), "APIGW.0301") {
		t.Fatalf("err = %v", err)
	}
	if n := f.emu.Count("KeystoneListProjects"); n != 1 {
		t.Errorf("IAM count %d", n)
	}
	if rq := f.emu.Requests()[0]; rq.Status != 401 || rq.AccessKey != f.cred.AccessKey {
		t.Errorf("record %+v", rq)
	}
}

func TestInjectFault(t *testing.T) {
	f := newFixture(t, nil)
	h, ms := f.defaultClients(t)
	f.emu.InjectFault("ShowResourceQuotas", 2, 503, "HSS.0004", "System busy")
	for i := 0; i < 2; i++ {
		_, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
		wantServiceError(t, err, 503, "HSS.0004", "System busy")
	}
	if _, err := ms.CountTenantResources(&msmodel.CountTenantResourcesRequest{}); err != nil {
		t.Errorf("other action affected: %v", err)
	}
	if _, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{}); err != nil {
		t.Errorf("fault outlived n: %v", err)
	}
	// Faults come after authentication: a bad signature is still a 401.
	f.emu.InjectFault("ShowResourceQuotas", 1, 500, "HSS.0001", "boom")
	bad, err := f.hss(t, f.credentials(t, f.cred.AccessKey, "wrong", f.emu.Huawei.ProjectID(testRegion), ""))
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
	wantServiceError(t, err, 401, "APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail")
	f.emu.InjectFault("ShowResourceQuotas", 0, 0, "", "") // clears
	if _, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{}); err != nil {
		t.Errorf("cleared fault still active: %v", err)
	}
	if n := f.emu.Count("ShowResourceQuotas"); n != 5 {
		t.Errorf("Count = %d, want 5 (failures count too)", n)
	}
}

func TestCountAndReset(t *testing.T) {
	f := newFixture(t, nil)
	h, ms := f.defaultClients(t)
	_, _ = h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
	_, _ = h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{Version: ptr("bad")})
	_, _ = ms.CountTenantResources(&msmodel.CountTenantResourcesRequest{})
	// One IAM lookup: the SDK caches the project ID for the AK and region.
	if got := []int{f.emu.Count(""), f.emu.Count("KeystoneListProjects"), f.emu.Count("ShowResourceQuotas"), f.emu.Count("CountTenantResources")}; !reflect.DeepEqual(got, []int{4, 1, 2, 1}) {
		t.Errorf("counts %v", got)
	}
	// Requests returns a copy.
	reqs := f.emu.Requests()
	reqs[0].Query.Set("name", "mutated")
	if f.emu.Requests()[0].Query.Get("name") != testRegion {
		t.Error("Requests shares state with the server")
	}
	f.emu.Reset()
	if f.emu.Count("") != 0 || len(f.emu.Requests()) != 0 {
		t.Error("Reset left records")
	}
	if _, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{}); err != nil {
		t.Fatal(err)
	}
	if f.emu.Count("") != 1 {
		t.Errorf("after reset Count = %d", f.emu.Count(""))
	}
}

func TestConcurrentRequests(t *testing.T) {
	f := newFixture(t, loadExample(t))
	h, ms := f.defaultClients(t)
	f.emu.Reset()
	const workers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				var err error
				switch (w + i) % 3 {
				case 0:
					_, err = h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{Version: ptr("hss.version.basic")})
				case 1:
					_, err = h.ShowImagePayPerScanStatistics(&hssmodel.ShowImagePayPerScanStatisticsRequest{})
				default:
					_, err = ms.CountTenantResources(&msmodel.CountTenantResourcesRequest{Business: ptr("LIVE_2D")})
				}
				if err != nil {
					errs <- err
				}
				_ = f.emu.Count("")
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := f.emu.Count(""); n != workers*each {
		t.Errorf("Count = %d, want %d", n, workers*each)
	}
}

// signedGet sends a GET signed by the SDK's signer, for requests no SDK
// service client makes.
func signedGet(t *testing.T, base, path string, query map[string]string, ak, sk string) (*http.Response, map[string]any) {
	t.Helper()
	b := request.NewHttpRequestBuilder().WithEndpoint(base).WithPath(path).WithMethod("GET")
	for k, v := range query {
		b.AddQueryParam(k, reflect.ValueOf(v))
	}
	req := b.Build()
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

func do(t *testing.T, hr *http.Request) (*http.Response, map[string]any) {
	t.Helper()
	var body map[string]any
	resp, _ := emutest.DoJSON(t, hr, &body)
	if resp.Header.Get("Content-Type") != "application/json" || !hex32.MatchString(resp.Header.Get("X-Request-Id")) {
		t.Errorf("headers %v", resp.Header)
	}
	return resp, body
}

func TestIAMProjects(t *testing.T) {
	data := all.DefaultData()
	data.HuaweiCloud.Projects = map[string]string{"cn-north-4": "11111111111111111111111111111111", "ap-southeast-1": "22222222222222222222222222222222"}
	f := newFixture(t, data)

	resp, body := signedGet(t, f.srv.URL, "/v3/projects", map[string]string{"name": "eu-west-0"}, f.cred.AccessKey, f.cred.SecretKey)
	if resp.StatusCode != 200 || !hex32.MatchString(resp.Header.Get("X-IAM-Trace-Id")) {
		t.Fatalf("status %d headers %v", resp.StatusCode, resp.Header)
	}
	projects := body["projects"].([]any)
	p := projects[0].(map[string]any)
	if len(projects) != 1 || p["name"] != "eu-west-0" || p["id"] != f.emu.Huawei.ProjectID("eu-west-0") || p["enabled"] != true || !hex32.MatchString(p["domain_id"].(string)) {
		t.Errorf("projects %v", projects)
	}

	_, body = signedGet(t, f.srv.URL, "/v3/projects", nil, f.cred.AccessKey, f.cred.SecretKey)
	var names []string
	for _, p := range body["projects"].([]any) {
		names = append(names, p.(map[string]any)["name"].(string)+"="+p.(map[string]any)["id"].(string))
	}
	if want := []string{"ap-southeast-1=22222222222222222222222222222222", "cn-north-4=11111111111111111111111111111111"}; !reflect.DeepEqual(names, want) {
		t.Errorf("all projects %v, want %v", names, want)
	}

	// A project issued through IAM is usable; one never issued is not.
	issued := f.emu.Huawei.ProjectID("eu-west-0")
	if resp, body := signedGet(t, f.srv.URL, "/v5/"+issued+"/billing/quotas", nil, f.cred.AccessKey, f.cred.SecretKey); resp.StatusCode != 200 {
		t.Errorf("issued project refused: %v", body)
	}
	if resp, body := signedGet(t, f.srv.URL, "/v5/"+strings.Repeat("9", 32)+"/billing/quotas", nil, f.cred.AccessKey, f.cred.SecretKey); resp.StatusCode != 403 || body["request_id"] == nil {
		t.Errorf("unknown project: %d %v", resp.StatusCode, body)
	}
}

// TestRelativeTimes: the data file's relative times are resolved at start,
// in each API's format, and MetaStudio's expire_time (the emulator's own,
// never sent) is what the expiry window filters by.
func TestRelativeTimes(t *testing.T) {
	data := all.DefaultData()
	data.HuaweiCloud.ResourceQuotas.DataList[0].AvailableResourcesList = &[]huawei.HSSAvailableResource{{CurrentTime: ptr("now-24h")}}
	data.HuaweiCloud.TenantResourcesCount = &huawei.MetaStudioResourcesCount{ResourcesCount: []huawei.MetaStudioResourceCount{
		{BusinessType: ptr("LIVE_2D"), Count: ptr(int64(1)), ExpireTime: ptr("now+24h")},
		{BusinessType: ptr("VIDEO_2D"), Count: ptr(int64(2)), ExpireTime: ptr("now+1000h")},
		{BusinessType: ptr("VOICE_CLONE"), Count: ptr(int64(4))},
	}}
	f := newFixture(t, data)
	h, ms := f.defaultClients(t)
	q, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := time.Parse(time.RFC3339, *(*(*q.DataList)[0].AvailableResourcesList)[0].CurrentTime)
	if d := time.Since(got); err != nil || d < 23*time.Hour || d > 25*time.Hour {
		t.Errorf("current_time %v (%v), want a day ago", got, err)
	}
	now := time.Now().UTC()
	resp, err := ms.CountTenantResources(&msmodel.CountTenantResourcesRequest{
		ResourceExpireStartTime: ptr(now.Format(time.RFC3339)),
		ResourceExpireEndTime:   ptr(now.Add(720 * time.Hour).Format(time.RFC3339)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := mustJSON(t, resp.ResourcesCount); got != `[{"business_type":"LIVE_2D","count":1},{"business_type":"VOICE_CLONE","count":4}]` {
		t.Errorf("within 30 days: %s", got)
	}
	resp, err = ms.CountTenantResources(&msmodel.CountTenantResourcesRequest{})
	if err != nil || len(*resp.ResourcesCount) != 3 {
		t.Errorf("without a window: %v %v", resp, err)
	}
}

// TestIAMUnknownRegion: a region the account has no project in gets none, as
// from the real IAM, and the SDK refuses to build a client for it; a region
// the data file gives a project is known.
func TestIAMUnknownRegion(t *testing.T) {
	data := all.DefaultData()
	data.HuaweiCloud.Projects = map[string]string{"xx-private-1": "33333333333333333333333333333333"}
	f := newFixture(t, data)
	for region, want := range map[string]int{"cn-nort-4": 0, "xx-private-1": 1, "eu-west-0": 1} {
		resp, body := signedGet(t, f.srv.URL, "/v3/projects", map[string]string{"name": region}, f.cred.AccessKey, f.cred.SecretKey)
		projects, ok := body["projects"].([]any)
		if resp.StatusCode != 200 || !ok || len(projects) != want {
			t.Errorf("%s: status %d, projects %v, want %d", region, resp.StatusCode, body["projects"], want)
		}
	}
	_, err := hss.HssClientBuilder().WithRegion(region.NewRegion("cn-nort-4", f.srv.URL)).
		WithCredential(f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, "", "")).SafeBuild()
	if err == nil || !strings.Contains(err.Error(), "failed to get project id of region 'cn-nort-4' automatically") {
		t.Errorf("client for an unknown region: %v", err)
	}
}

func TestGatewayRefusals(t *testing.T) {
	f := newFixture(t, nil)
	project := f.emu.Huawei.ProjectID(testRegion)
	tests := []struct {
		name   string
		method string
		path   string
		header map[string]string
		status int
		code   string
		msg    string
		action string
	}{
		{"unknown path", "GET", "/v5/" + project + "/nothing-here", nil, 404, "APIGW.0101", "The API does not exist or has not been published in the environment", ""},
		{"wrong method", "POST", "/v5/" + project + "/billing/quotas", nil, 404, "APIGW.0101", "The API does not exist or has not been published in the environment", ""},
		{"no authorization", "GET", "/v5/" + project + "/billing/quotas", nil, 401, "APIGW.0301", "Incorrect IAM authentication information: Authorization header missing", "ShowResourceQuotas"},
		{"no date", "GET", "/v3/projects", map[string]string{"Authorization": "SDK-HMAC-SHA256 Access=" + f.cred.AccessKey + ", SignedHeaders=host, Signature=00"}, 401, "APIGW.0301", "Incorrect IAM authentication information: X-Sdk-Date header missing", "KeystoneListProjects"},
		{"garbled authorization", "GET", "/v3/projects", map[string]string{"Authorization": "SDK-HMAC-SHA256 nonsense", "X-Sdk-Date": "20240101T000000Z"}, 401, "APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail", "KeystoneListProjects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hr, _ := http.NewRequest(tt.method, f.srv.URL+tt.path, nil)
			for k, v := range tt.header {
				hr.Header.Set(k, v)
			}
			resp, body := do(t, hr)
			if resp.StatusCode != tt.status || body["error_code"] != tt.code || body["error_msg"] != tt.msg || body["request_id"] != resp.Header.Get("X-Request-Id") {
				t.Errorf("got %d %v", resp.StatusCode, body)
			}
			reqs := f.emu.Requests()
			if last := reqs[len(reqs)-1]; last.Action != tt.action || last.Status != tt.status || last.RequestID != resp.Header.Get("X-Request-Id") {
				t.Errorf("record %+v", last)
			}
		})
	}
}
