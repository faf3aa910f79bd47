package alibaba

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// testSAS is a service as a services package declares one.
var testSAS = &Service{
	Name: "SAS", Title: "Security Center", Product: "Sas", Endpoint: "sas", APIVersion: "2018-12-03",
	Hosts: map[string]string{"cn-hangzhou": "tds.aliyuncs.com"},
}

func alibabaTestClient(t *testing.T, h http.HandlerFunc) *conns.Client {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	c := conns.New(conns.Settings{MaxRetries: 0, RequestTimeout: 5 * time.Second, Insecure: true, CacheDir: t.TempDir()})
	Attach(c, Config{
		Region: "cn-hangzhou", AccessKey: "ak", SecretKey: "sk",
		Endpoints: map[string]string{"sas": srv.URL},
	})
	return c
}

// A success whose body is not JSON is still an API error with the response's own status
// (203 here, not the 200 assumed when none is known) and request ID.
func TestCallSASUndecodableBody(t *testing.T) {
	c := alibabaTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("x-acs-request-id", "REQ-1")
		w.WriteHeader(http.StatusNonAuthoritativeInfo)
		_, _ = w.Write([]byte("<html>gateway</html>"))
	})
	_, _, err := Call(context.Background(), c, testSAS, "", "GetAuthSummary", nil, func() *struct{} { return new(struct{}) })
	var apiErr *conns.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if apiErr.HTTPStatus != http.StatusNonAuthoritativeInfo || apiErr.RequestID != "REQ-1" {
		t.Errorf("status %d request ID %q, want 203 and REQ-1", apiErr.HTTPStatus, apiErr.RequestID)
	}
}

// Terraform reads data sources in parallel; calls through one provider must not share
// per-request state (run with -race). The reads differ in their arguments, so that each is
// its own API call rather than one shared.
func TestCallSASConcurrent(t *testing.T) {
	c := alibabaTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"RequestId":"R","Action":"` + r.Header.Get("x-acs-action") + `"}`))
	})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			query := map[string]string{"Lang": strconv.Itoa(i)}
			out, _, err := Call(context.Background(), c, testSAS, "", "GetAuthSummary", query,
				func() *struct{ Action string } { return new(struct{ Action string }) })
			if err != nil {
				errs <- err
				return
			}
			if out.Action != "GetAuthSummary" {
				errs <- errors.New("decoded action " + out.Action)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
