package all

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// adminDo sends an admin request to the fixture and returns the status and body.
func adminDo(t *testing.T, f *tcFixture, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// tcTotal reads TotalAuthorizedCnt through the SDK, as the provider does.
func tcTotal(t *testing.T, f *tcFixture) float64 {
	t.Helper()
	req := tchttp.NewCommonRequest("tcss", "2020-11-01", "DescribeImageAuthorizedInfo")
	resp := tchttp.NewCommonResponse()
	if err := f.defaultClient(t).Send(req, resp); err != nil {
		t.Fatal(err)
	}
	var body struct{ Response map[string]any }
	if err := json.Unmarshal(resp.GetBody(), &body); err != nil {
		t.Fatal(err)
	}
	n, _ := body.Response["TotalAuthorizedCnt"].(float64)
	return n
}

// TestAdminData: POST /_emulator/data replaces what the clouds answer, checked
// by the data file's schema; a bad body changes nothing.
func TestAdminData(t *testing.T) {
	f := newTCFixture(t, Options{})
	before := tcTotal(t, f)

	status, body := adminDo(t, f, http.MethodPost, emulator.AdminData, `{"tencentcloud": {"tcss_image_authorized_info": {"TotalAuthorizedCnt": 7}}}`)
	if status != http.StatusOK || body != "data replaced\n" {
		t.Fatalf("POST data: %d %q", status, body)
	}
	if got := tcTotal(t, f); got != 7 || got == before {
		t.Errorf("after POST: TotalAuthorizedCnt %v, want 7 (was %v)", got, before)
	}

	for name, bad := range map[string]string{
		"unknown field":  `{"tencentcloud": {"tcss_image_authorised_info": {}}}`,
		"wrong type":     `{"tencentcloud": {"tcss_image_authorized_info": {"TotalAuthorizedCnt": "many"}}}`,
		"not JSON":       `{"tencentcloud":`,
		"bad time":       `{"tencentcloud": {"tcss_image_authorized_info": {"ImageScanInquireInfo": {"StartTime": "now+soon"}}}}`,
		"trailing value": `{} {}`,
	} {
		status, body := adminDo(t, f, http.MethodPost, emulator.AdminData, bad)
		if status != http.StatusBadRequest || !strings.HasPrefix(body, "emulator data: ") {
			t.Errorf("%s: %d %q, want 400 with the validation error", name, status, body)
		}
	}
	if got := tcTotal(t, f); got != 7 {
		t.Errorf("a refused body changed the data: TotalAuthorizedCnt %v", got)
	}

	// Sections left out are the defaults again, as with -data.
	if status, body := adminDo(t, f, http.MethodPost, emulator.AdminData, `{}`); status != http.StatusOK {
		t.Fatalf("POST {}: %d %q", status, body)
	}
	if got := tcTotal(t, f); got != before {
		t.Errorf("after POST {}: TotalAuthorizedCnt %v, want the default %v", got, before)
	}
}

// TestAdminFaults: POST /_emulator/faults queues faults in the -fault syntax,
// all or none.
func TestAdminFaults(t *testing.T) {
	f := newTCFixture(t, Options{})
	status, body := adminDo(t, f, http.MethodPost, emulator.AdminFaults, "DescribeImageAuthorizedInfo:throttle\nDescribeImageAuthorizedInf:5xx\n")
	if status != http.StatusBadRequest || !strings.Contains(body, "did you mean DescribeImageAuthorizedInfo?") {
		t.Errorf("bad spec: %d %q", status, body)
	}
	if err := tcDescribe(f.defaultClient(t)); err != nil {
		t.Errorf("a refused body queued a fault: %v", err)
	}
	if status, body := adminDo(t, f, http.MethodPost, emulator.AdminFaults, ""); status != http.StatusBadRequest {
		t.Errorf("empty body: %d %q", status, body)
	}

	status, body = adminDo(t, f, http.MethodPost, emulator.AdminFaults,
		"# a comment\nDescribeImageAuthorizedInfo:throttle\n\nDescribeImageAuthorizedInfo:error:1:200/UnauthorizedOperation/no\n")
	if status != http.StatusOK || body != "queued 2 fault(s)\n" {
		t.Fatalf("POST faults: %d %q", status, body)
	}
	tcWantSDKError(t, tcDescribe(f.defaultClient(t)), "RequestLimitExceeded", "")
	tcWantSDKError(t, tcDescribe(f.defaultClient(t)), "UnauthorizedOperation", "no")
	if err := tcDescribe(f.defaultClient(t)); err != nil {
		t.Errorf("after the faults: %v", err)
	}
}

// TestAdminRequests: GET /_emulator/requests is the record of cloud requests
// (admin requests are not in it); DELETE clears it.
func TestAdminRequests(t *testing.T) {
	f := newTCFixture(t, Options{})
	if err := tcDescribe(f.defaultClient(t)); err != nil {
		t.Fatal(err)
	}
	status, body := adminDo(t, f, http.MethodGet, emulator.AdminRequests, "")
	var got []emulator.Request
	if err := json.Unmarshal([]byte(body), &got); status != http.StatusOK || err != nil {
		t.Fatalf("GET requests: %d %v %q", status, err, body)
	}
	if len(got) != 1 || got[0].Action != "DescribeImageAuthorizedInfo" || got[0].Cloud != "tencentcloud" || got[0].AccessKey != tcCred.AccessKey {
		t.Errorf("record %+v", got)
	}
	if status, _ := adminDo(t, f, http.MethodDelete, emulator.AdminRequests, ""); status != http.StatusOK {
		t.Errorf("DELETE requests: %d", status)
	}
	if n := f.emu.Count(""); n != 0 {
		t.Errorf("%d requests recorded after DELETE", n)
	}
}

// TestAdminRoutesRefused: wrong methods and paths, and clients off loopback.
func TestAdminRoutesRefused(t *testing.T) {
	f := newTCFixture(t, Options{})
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, emulator.AdminData, http.StatusMethodNotAllowed},
		{http.MethodPut, emulator.AdminFaults, http.StatusMethodNotAllowed},
		{http.MethodPost, emulator.AdminRequests, http.StatusMethodNotAllowed},
		{http.MethodGet, emulator.AdminPrefix + "nothing", http.StatusNotFound},
	} {
		if status, body := adminDo(t, f, c.method, c.path, ""); status != c.status {
			t.Errorf("%s %s: %d %q, want %d", c.method, c.path, status, body, c.status)
		}
	}

	req := httptest.NewRequest(http.MethodPost, emulator.AdminFaults, strings.NewReader("DescribeImageAuthorizedInfo:throttle"))
	req.RemoteAddr = "192.0.2.10:40000"
	rec := httptest.NewRecorder()
	f.emu.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("from 192.0.2.10: %d %q, want 403", rec.Code, rec.Body.String())
	}
	if err := tcDescribe(f.defaultClient(t)); err != nil {
		t.Errorf("a refused client queued a fault: %v", err)
	}
	if n := f.emu.Count(""); n != 1 {
		t.Errorf("%d requests recorded, want only the cloud one", n)
	}
}

// TestAdminDataWhileServing: data replaced while requests are served (run
// with -race): every answer is the old data or the new, never a torn read.
func TestAdminDataWhileServing(t *testing.T) {
	f := newTCFixture(t, Options{})
	done := make(chan error, 4)
	for range 4 {
		go func() {
			for range 10 {
				if err := tcDescribe(f.defaultClient(t)); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for i := range 10 {
		body := fmt.Sprintf(`{"tencentcloud": {"tcss_image_authorized_info": {"TotalAuthorizedCnt": %d}}}`, i)
		if status, msg := adminDo(t, f, http.MethodPost, emulator.AdminData, body); status != http.StatusOK {
			t.Fatalf("POST data: %d %q", status, msg)
		}
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if got := tcTotal(t, f); got != 9 {
		t.Errorf("TotalAuthorizedCnt %v, want the last data's 9", got)
	}
}
