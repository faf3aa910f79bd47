// Package emulator is a local stand-in for the cloud APIs the provider reads
// quotas from. It speaks each vendor's wire protocol as the official SDKs send
// it (including request signatures), so acceptance tests and manual runs can
// exercise the real client code paths without cloud accounts.
//
// One Server serves every emulated cloud on a single host. Each cloud lives in
// its own file (huawei.go, later tencent.go, alibaba.go) and plugs in as a
// backend; the Server only owns dispatch, recording and fault injection.
package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"log"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Credential is an access key pair the emulator accepts.
type Credential struct {
	AccessKey, SecretKey, SecurityToken string
}

// DefaultHuaweiCredential is what the emulator accepts when
// Options.HuaweiCredentials is nil. It is an emulator-only constant, not a
// secret.
var DefaultHuaweiCredential = Credential{AccessKey: "EMULATORHUAWEIAK0001", SecretKey: "emulator-huawei-secret-key"}

// DefaultTencentCredential is what the emulator accepts for Tencent Cloud when
// Options.TencentCredentials is nil (AccessKey is the SecretId).
var DefaultTencentCredential = Credential{AccessKey: "AKIDEMULATORTENCENT0001", SecretKey: "emulator-tencent-secret-key"}

// DefaultAlibabaCredential is what the emulator accepts for Alibaba Cloud when
// Options.AlibabaCredentials is nil.
var DefaultAlibabaCredential = Credential{AccessKey: "LTAIEMULATORALIBABA0001", SecretKey: "emulator-alibaba-secret-key"}

// Options configures a Server.
type Options struct {
	Data               *Data        // nil: DefaultData() (the vendor docs' example responses)
	HuaweiCredentials  []Credential // nil: []Credential{DefaultHuaweiCredential}
	TencentCredentials []Credential // nil: []Credential{DefaultTencentCredential}
	AlibabaCredentials []Credential // nil: []Credential{DefaultAlibabaCredential}
	Logger             *log.Logger  // nil: no logging; else one line per request (never secrets or Authorization values)
}

// Request is one request the emulator answered, kept so tests can assert what
// the client actually sent.
type Request struct {
	Cloud     string // "huaweicloud", "tencentcloud" or "alicloud"
	Action    string // e.g. "ShowResourceQuotas"; "" when the path is unknown
	Method    string
	Path      string
	Query     url.Values
	ProjectID string // Huawei: from the path, "" for IAM
	Region    string // Tencent: the X-TC-Region header; "" where the wire carries no region
	AccessKey string // from the Authorization header (never the secret)
	Status    int    // HTTP status answered
	RequestID string
}

// backend is one emulated cloud. Backends are tried in order; the last one is
// the fallback that answers unknown paths in its own vendor's shape.
type backend interface {
	// claims reports whether the request is addressed to this cloud.
	claims(r *http.Request) bool
	// serve answers the request and fills x for the record.
	serve(x *exchange)
}

// exchange carries one request through a backend and collects what goes into
// the record.
type exchange struct {
	w   http.ResponseWriter
	r   *http.Request
	rec Request
}

// Server is the emulator. It implements http.Handler and is safe for
// concurrent use.
type Server struct {
	logger   *log.Logger
	backends []backend

	mu       sync.Mutex
	requests []Request
	faults   map[string]*fault

	huawei  *huaweiCloud
	tencent *tencentCloud
	alibaba *alibabaCloud
}

// fault is a pending injected failure for one action.
type fault struct {
	remaining int
	status    int
	code      string
	message   string
}

// New builds a Server from opts. The data is copied, so the caller may reuse
// or mutate it afterwards.
func New(opts Options) *Server {
	data := opts.Data
	if data == nil {
		data = DefaultData()
	}
	data = data.clone()
	creds := opts.HuaweiCredentials
	if creds == nil {
		creds = []Credential{DefaultHuaweiCredential}
	}
	s := &Server{
		logger: opts.Logger,
		faults: map[string]*fault{},
	}
	s.huawei = newHuaweiCloud(s, &data.HuaweiCloud, creds)
	s.tencent = newTencentCloud(s, &data.TencentCloud, orDefault(opts.TencentCredentials, DefaultTencentCredential))
	s.alibaba = newAlibabaCloud(s, &data.AlibabaCloud, orDefault(opts.AlibabaCredentials, DefaultAlibabaCredential))
	// Huawei goes last: it is the fallback for paths no other cloud claims.
	s.backends = []backend{s.tencent, s.alibaba, s.huawei}
	return s
}

// ServeHTTP dispatches to the backend the request is addressed to and records
// the outcome.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	b := s.backends[len(s.backends)-1]
	for _, cand := range s.backends {
		if cand.claims(r) {
			b = cand
			break
		}
	}
	x := &exchange{w: w, r: r, rec: Request{
		Method:    r.Method,
		Path:      r.URL.Path,
		Query:     cloneValues(r.URL.Query()),
		RequestID: newRequestID(),
	}}
	b.serve(x)

	s.mu.Lock()
	s.requests = append(s.requests, x.rec)
	s.mu.Unlock()
	if s.logger != nil {
		s.logger.Printf("%s %s %s action=%q ak=%q project=%q status=%d request_id=%s (%s)",
			x.rec.Cloud, r.Method, r.URL.Path, x.rec.Action, x.rec.AccessKey, x.rec.ProjectID,
			x.rec.Status, x.rec.RequestID, time.Since(start).Round(time.Microsecond))
	}
}

// Requests returns a copy of every request recorded so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, rq := range s.requests {
		rq.Query = cloneValues(rq.Query)
		out[i] = rq
	}
	return out
}

// Count returns how many requests were recorded for action ("" = all),
// whatever their outcome.
func (s *Server) Count(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if action == "" {
		return len(s.requests)
	}
	n := 0
	for _, rq := range s.requests {
		if rq.Action == action {
			n++
		}
	}
	return n
}

// Reset clears the record. Pending faults and issued projects are kept, since
// they are configuration rather than history.
func (s *Server) Reset() {
	s.mu.Lock()
	s.requests = nil
	s.mu.Unlock()
}

// HuaweiProjectID returns the project ID IAM answers for region. The project
// is considered issued from then on, so tests may use it directly.
func (s *Server) HuaweiProjectID(region string) string {
	return s.huawei.issueProject(region)
}

// InjectFault makes the next n requests for action answer with this HTTP
// status and vendor error, after signature verification. The error takes the
// shape of the action's cloud: Huawei {"error_code","error_msg","request_id"},
// Tencent {"Response":{"Error":{"Code","Message"},"RequestId"}} (Tencent
// answers errors with HTTP 200, so pass 200 to be faithful), Alibaba
// {"Code","Message","RequestId"}. n <= 0 clears a pending
// fault. A later call for the same action replaces the earlier one.
func (s *Server) InjectFault(action string, n int, status int, code, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= 0 {
		delete(s.faults, action)
		return
	}
	s.faults[action] = &fault{remaining: n, status: status, code: code, message: message}
}

// takeFault consumes one pending fault for action, if any.
func (s *Server) takeFault(action string) (fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.faults[action]
	if !ok {
		return fault{}, false
	}
	f.remaining--
	if f.remaining <= 0 {
		delete(s.faults, action)
	}
	return *f, true
}

// newRequestID returns 32 random lowercase hex characters, the shape vendors
// use for request and trace IDs.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

func orDefault(creds []Credential, def Credential) []Credential {
	if creds == nil {
		return []Credential{def}
	}
	return creds
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
