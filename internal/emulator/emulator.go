// Package emulator is a local stand-in for the cloud APIs the provider reads
// quotas from. It speaks each vendor's wire protocol as the official SDKs send
// it (including request signatures), so acceptance tests and manual runs can
// exercise the real client code paths without cloud accounts.
//
// One Server serves every emulated cloud on a single host. Each cloud lives in
// its own file (huawei.go, tencent.go, alibaba.go) and plugs in as a
// backend; the Server only owns dispatch, recording and fault injection.
//
// Fault injection (faults.go) is settable per test and from the command line:
// queued faults per action (Inject, InjectFault, ParseFault), latency on every
// request (Options.Latency, SetLatency) and a rate limit per action the
// emulator enforces itself (Options.RateLimit, SetRateLimit), with Throttled
// and PeakRate to assert on. Faults and the rate limit hit only requests that
// passed signature verification and routing; each cloud answers them in its
// own shape.
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

	// Latency is added to every request before it is looked at; a client
	// that gives up meanwhile gets no answer (recorded with Status 0 and no
	// Cloud or Action).
	Latency time.Duration
	// RateLimit is the requests a second per action the emulator serves:
	// any request over it within a sliding second is answered with the
	// cloud's throttling answer, as FaultThrottle, and counted by Throttled.
	// It applies to requests that passed authentication and routing, before
	// injected faults. 0 = no limit.
	RateLimit float64

	// Credential sources each cloud serves besides its APIs: role and OIDC exchanges (STS,
	// IAM) and instance metadata (answered for requests addressed to the cloud's metadata
	// host, as an HTTP proxy receives them). Credentials they issue are accepted by the APIs.
	HuaweiIdentity  HuaweiIdentity
	TencentIdentity TencentIdentity
	AlibabaIdentity AlibabaIdentity
}

// Request is one request the emulator received, kept so tests can assert what
// the client actually sent and what it was answered.
type Request struct {
	Cloud     string // "huaweicloud", "tencentcloud" or "alicloud"
	Action    string // e.g. "ShowResourceQuotas"; "" when the path is unknown
	Method    string
	Path      string
	Query     url.Values
	ProjectID string // Huawei: from the path, "" for IAM
	Region    string // Tencent: the X-TC-Region header; "" where the wire carries no region
	AccessKey string // from the Authorization header (never the secret)
	Status    int    // HTTP status answered; 0 when the connection closed without an answer (FaultDrop, or the client left)
	RequestID string
	Time      time.Time // when the request arrived
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

	alter FaultKind // FaultMalformed or FaultTruncated: how send alters a 2xx body
	abort bool      // close the connection after recording, without (further) answer
	note  string    // for the log: the fault or limit that shaped the answer
}

// Server is the emulator. It implements http.Handler and is safe for
// concurrent use.
type Server struct {
	logger   *log.Logger
	backends []backend

	mu        sync.Mutex
	requests  []Request
	faults    map[string][]*queuedFault // by action, in order
	latency   time.Duration
	rateLimit float64
	served    map[string][]time.Time // by action: when the requests the rate limit let through were, within its window
	throttled map[string]int         // by action: requests the rate limit refused

	huawei  *huaweiCloud
	tencent *tencentCloud
	alibaba *alibabaCloud
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
		logger:    opts.Logger,
		faults:    map[string][]*queuedFault{},
		latency:   opts.Latency,
		rateLimit: opts.RateLimit,
		served:    map[string][]time.Time{},
		throttled: map[string]int{},
	}
	s.huawei = newHuaweiCloud(s, &data.HuaweiCloud, creds)
	s.tencent = newTencentCloud(s, &data.TencentCloud, orDefault(opts.TencentCredentials, DefaultTencentCredential))
	s.alibaba = newAlibabaCloud(s, &data.AlibabaCloud, orDefault(opts.AlibabaCredentials, DefaultAlibabaCredential))
	// Huawei goes last: it is the fallback for paths no other cloud claims.
	s.huawei.identity = opts.HuaweiIdentity
	s.tencent.identity = opts.TencentIdentity
	s.alibaba.identity = opts.AlibabaIdentity
	s.backends = []backend{s.tencent, s.alibaba, s.huawei}
	return s
}

// ServeHTTP waits the configured latency, dispatches to the backend the
// request is addressed to and records the outcome.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	x := &exchange{w: w, r: r, rec: Request{
		Method:    r.Method,
		Path:      r.URL.Path,
		Query:     cloneValues(r.URL.Query()),
		RequestID: newRequestID(),
		Time:      start,
	}}
	s.mu.Lock()
	latency := s.latency
	s.mu.Unlock()
	if latency > 0 {
		bufferBody(r)
	}
	if sleep(r.Context(), latency) {
		s.backendFor(r).serve(x)
	} else {
		x.abort, x.note = true, "client gone during latency"
	}

	s.mu.Lock()
	s.requests = append(s.requests, x.rec)
	s.mu.Unlock()
	if s.logger != nil {
		note := ""
		if x.note != "" {
			note = " [" + x.note + "]"
		}
		s.logger.Printf("%s %s %s action=%q ak=%q project=%q status=%d request_id=%s (%s)%s",
			x.rec.Cloud, r.Method, r.URL.Path, x.rec.Action, x.rec.AccessKey, x.rec.ProjectID,
			x.rec.Status, x.rec.RequestID, time.Since(start).Round(time.Microsecond), note)
	}
	if x.abort {
		abortConnection(w)
	}
}

// backendFor picks the backend r is addressed to.
func (s *Server) backendFor(r *http.Request) backend {
	for _, cand := range s.backends {
		if cand.claims(r) {
			return cand
		}
	}
	return s.backends[len(s.backends)-1]
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

// Reset clears the record and the Throttled counts. Pending faults, latency,
// the rate limit (and the requests its window holds) and issued projects are
// kept, since they are configuration and state rather than history.
func (s *Server) Reset() {
	s.mu.Lock()
	s.requests = nil
	clear(s.throttled)
	s.mu.Unlock()
}

// HuaweiProjectID returns the project ID IAM answers for region. The project
// is considered issued from then on, so tests may use it directly.
func (s *Server) HuaweiProjectID(region string) string {
	return s.huawei.issueProject(region)
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
