// Package emulator is the core of a local stand-in for the cloud APIs the
// provider reads quotas from: one HTTP handler (Server) that dispatches each
// request to the emulated cloud it is addressed to, records it, and applies
// injected faults, latency and rate limits. The clouds themselves live in
// sub-packages (huawei, tencent, alibaba), each a Backend that speaks its
// vendor's wire protocol as the official SDKs send it (request signatures
// included); package all assembles the three with the data file.
//
// The core knows no cloud: a new cloud is a new Backend, passed in
// Options.Backends.
//
// Fault injection (faults.go) is settable per test and from the command line:
// queued faults per action (Inject, InjectFault, ParseFault), latency on every
// request (Options.Latency, SetLatency) and a rate limit per action the
// emulator enforces itself, per access key and action in sliding windows
// (limits.go: Options.Limits, SetLimit, Options.RateLimit, SetRateLimit),
// with Throttled and PeakRate to assert on. Faults and limits hit only
// requests that passed signature verification and routing; each cloud
// answers them in its own shape (FaultAnswers).
//
// Admin routes under AdminPrefix (admin.go), for loopback clients only, change
// a running emulator: replace its data, queue faults, read or clear the record.
package emulator

import (
	"log"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// Credential is an access key pair the emulator accepts.
type Credential struct {
	AccessKey, SecretKey, SecurityToken string
}

// CloudOptions configures one emulated cloud (each cloud's Options is it with its own Data
// and Identity types), so that every cloud applies the same defaults in Resolve.
type CloudOptions[D, I any] struct {
	Data        *D           // nil: the cloud's DefaultData() (the vendor docs' example responses); copied
	Credentials []Credential // nil: []Credential{the cloud's DefaultCredential}
	// Identity is what its credential sources know; credentials they issue are accepted by
	// the APIs.
	Identity I
}

// Resolve applies the defaults: a copy of Data (else of defaultData()), and the accepted
// credentials by access key (else only defaultCred).
func (o CloudOptions[D, I]) Resolve(defaultData func() D, defaultCred Credential) (*D, map[string]Credential) {
	data := o.Data
	if data == nil {
		d := defaultData()
		data = &d
	}
	creds := o.Credentials
	if creds == nil {
		creds = []Credential{defaultCred}
	}
	byKey := make(map[string]Credential, len(creds))
	for _, c := range creds {
		byKey[c.AccessKey] = c
	}
	return Clone(data), byKey
}

// IssuedCredential is a temporary credential an emulated cloud's credential
// source (STS, IAM, instance metadata) handed out; the cloud's APIs accept it
// with its security token.
type IssuedCredential struct {
	Credential
	Cloud   string // the Backend's Name, e.g. "huaweicloud"
	Via     string // the action that issued it, e.g. "AssumeRole", "CreateTemporaryAccessKeyByAgency"
	Role    string // the role or agency assumed (the role name for metadata), "" where none applies
	Caller  string // the access key that signed the request for it; "" for unsigned exchanges and metadata
	Expires time.Time
}

// Backend is one emulated cloud.
type Backend interface {
	// Name is the cloud's Request.Cloud value, e.g. "huaweicloud".
	Name() string
	// Claims reports whether the request is addressed to this cloud.
	Claims(r *http.Request) bool
	// Serve answers the request and fills x.Rec for the record.
	Serve(x *Exchange)
	// Actions names the actions it records, those faults and limits may
	// name.
	Actions() []string
}

// Issuer is a Backend whose credential sources issue temporary credentials.
type Issuer interface {
	// Issued lists the credentials issued so far, in order.
	Issued() []IssuedCredential
}

// Options configures a Server.
type Options struct {
	// Backends are the emulated clouds, tried in order (Claims); the last one
	// is the fallback that answers unknown paths in its own vendor's shape.
	// At least one is required.
	Backends []Backend
	Logger   *log.Logger // nil: no logging; else one line per request (never secrets or Authorization values)

	// Latency is added to every request before it is looked at; a client
	// that gives up meanwhile gets no answer (recorded with Status 0 and no
	// Cloud or Action).
	Latency time.Duration
	// Limits are rate limits per action, each enforced per access key: a
	// request over its action's Limit within the sliding window is answered
	// with the cloud's throttling answer, as FaultThrottle, and counted by
	// Throttled. Limits apply to requests that passed authentication and
	// routing, before injected faults. nil = none.
	Limits map[string]Limit
	// RateLimit is the requests a second per access key the emulator serves
	// to each action without an entry in Limits (n = max(1, floor(r)) within
	// any n/r seconds). 0 = no limit.
	RateLimit float64
	// SetData, when set, serves the admin route POST AdminData: it checks
	// the body (a data file) and replaces the backends' data, else returns
	// the error the client is answered (HTTP 400). It replaces the data
	// under Exclusive.
	SetData func(body []byte) error
}

// Request is one request the emulator received, kept so tests can assert what
// the client actually sent and what it was answered.
type Request struct {
	Cloud     string // the Backend's Name: "huaweicloud", "tencentcloud" or "alicloud"
	Action    string // e.g. "ShowResourceQuotas"; "" when the path is unknown
	Method    string
	Path      string
	Query     url.Values
	ProjectID string // Huawei: from the path, "" for IAM
	Region    string // Tencent: the X-TC-Region header; "" where the wire carries no region
	AccessKey string // from the Authorization header (never the secret)
	Body      string // the JSON body of an API that takes one, where the backend records it (Huawei BSS)
	Status    int    // HTTP status answered; 0 when the connection closed without an answer (FaultDrop, or the client left)
	RequestID string
	Time      time.Time // when the request arrived
}

// Exchange carries one request through a Backend and collects what goes into
// the record.
type Exchange struct {
	W   http.ResponseWriter
	R   *http.Request
	Rec Request // the record: the Backend fills in Cloud, Action, AccessKey, ...

	srv   *Server
	alter FaultKind // FaultMalformed or FaultTruncated: how Send alters a 2xx body
	abort bool      // close the connection after recording, without (further) answer
	note  string    // for the log: the fault or limit that shaped the answer
}

// Server is the emulator. It implements http.Handler and is safe for
// concurrent use.
type Server struct {
	logger   *log.Logger
	backends []Backend
	setData  func([]byte) error

	// serving is held (read) while a backend serves a request and (write)
	// by Exclusive.
	serving sync.RWMutex

	mu        sync.Mutex
	requests  []Request
	faults    map[string][]*queuedFault // by action, in order
	latency   time.Duration
	limits    map[string]Limit         // by action
	rate      Limit                    // for actions without a limit of their own
	served    map[limitKey][]time.Time // when the requests a limit let through arrived, within its window
	throttled map[string]int           // by action: requests a limit refused
}

// New builds a Server serving opts.Backends. It panics without a backend, a
// programming error.
func New(opts Options) *Server {
	if len(opts.Backends) == 0 {
		panic("emulator: New needs at least one Backend")
	}
	return &Server{
		logger:    opts.Logger,
		backends:  slices.Clone(opts.Backends),
		setData:   opts.SetData,
		faults:    map[string][]*queuedFault{},
		latency:   opts.Latency,
		limits:    maps.Clone(opts.Limits),
		rate:      rateLimit(opts.RateLimit),
		served:    map[limitKey][]time.Time{},
		throttled: map[string]int{},
	}
}

// ServeHTTP waits the configured latency, dispatches to the backend the
// request is addressed to and records the outcome.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, AdminPrefix) {
		s.serveAdmin(w, r)
		return
	}
	start := time.Now()
	x := &Exchange{W: w, R: r, srv: s, Rec: Request{
		Method:    r.Method,
		Path:      r.URL.Path,
		Query:     CloneValues(r.URL.Query()),
		RequestID: NewRequestID(),
		Time:      start,
	}}
	s.mu.Lock()
	latency := s.latency
	s.mu.Unlock()
	if latency > 0 {
		// net/http only notices a client that hangs up once the body is
		// read, so reading it ahead lets the wait end when the client leaves.
		_, _ = ReadBody(r)
	}
	if sleep(r.Context(), latency) {
		s.serving.RLock()
		s.backendFor(r).Serve(x)
		s.serving.RUnlock()
	} else {
		x.abort, x.note = true, "client gone during latency"
	}

	s.mu.Lock()
	s.requests = append(s.requests, x.Rec)
	s.mu.Unlock()
	if s.logger != nil {
		note := ""
		if x.note != "" {
			note = " [" + x.note + "]"
		}
		s.logger.Printf("%s %s %s action=%q ak=%q project=%q status=%d request_id=%s (%s)%s",
			x.Rec.Cloud, r.Method, r.URL.Path, x.Rec.Action, x.Rec.AccessKey, x.Rec.ProjectID,
			x.Rec.Status, x.Rec.RequestID, time.Since(start).Round(time.Microsecond), note)
	}
	if x.abort {
		abortConnection(w)
	}
}

// backendFor picks the backend r is addressed to.
func (s *Server) backendFor(r *http.Request) Backend {
	for _, cand := range s.backends {
		if cand.Claims(r) {
			return cand
		}
	}
	return s.backends[len(s.backends)-1]
}

// Backend returns the backend called name, nil if none.
func (s *Server) Backend(name string) Backend {
	for _, b := range s.backends {
		if b.Name() == name {
			return b
		}
	}
	return nil
}

// Actions returns every action the backends serve, sorted: the names faults
// and limits may use.
func (s *Server) Actions() []string {
	var out []string
	for _, b := range s.backends {
		out = append(out, b.Actions()...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Issued returns the temporary credentials cloud ("" = every cloud) issued so
// far, each cloud's in the order issued.
func (s *Server) Issued(cloud string) []IssuedCredential {
	var out []IssuedCredential
	for _, b := range s.backends {
		if is, ok := b.(Issuer); ok && (cloud == "" || b.Name() == cloud) {
			out = append(out, is.Issued()...)
		}
	}
	return out
}

// Requests returns a copy of every request recorded so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, rq := range s.requests {
		rq.Query = CloneValues(rq.Query)
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
// the rate limit (and the requests its window holds) and the clouds' state
// (issued projects and credentials) are kept, since they are configuration
// and state rather than history.
func (s *Server) Reset() {
	s.mu.Lock()
	s.requests = nil
	clear(s.throttled)
	s.mu.Unlock()
}
