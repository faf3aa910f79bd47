package emulator

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// FaultKind names a class of failure the emulator can inject.
type FaultKind string

// The fault kinds. Error, throttle and 5xx answers take the shape of the
// action's cloud (see InjectFault); the others break the transport or the
// success answer.
const (
	// FaultError answers Fault.Status, Fault.Code and Fault.Message in the
	// cloud's error shape. Status 0 is the cloud's usual error status: 400,
	// or 200 for Tencent, whose API 3.0 answers every error with HTTP 200.
	FaultError FaultKind = "error"
	// FaultThrottle is the cloud's own throttling answer: Huawei 429
	// APIGW.0308, Tencent (HTTP 200) RequestLimitExceeded, Alibaba 400
	// Throttling.User; it names the action's rate limit where it has one.
	FaultThrottle FaultKind = "throttle"
	// FaultServer is the cloud's server fault: Huawei 500 APIGW.9999,
	// Tencent (HTTP 200) InternalError, Alibaba 500 ServerError.
	FaultServer FaultKind = "5xx"
	// FaultDrop closes the connection without any answer. Go's transport
	// silently retries an idempotent request (Huawei's GETs) once when a
	// reused keep-alive connection closes this way, so a GET client may only
	// see the second of two drops.
	FaultDrop FaultKind = "drop"
	// FaultMalformed answers HTTP 200, correctly framed, with the first half
	// of the success body and a NUL byte: not valid JSON, and a syntax error
	// to every decoder (a bare prefix reads as an unexpected EOF to streaming
	// decoders, which is what FaultTruncated is for).
	FaultMalformed FaultKind = "malformed"
	// FaultTruncated answers HTTP 200 whose Content-Length announces the
	// whole success body, sends half of it and closes the connection: the
	// client reads an unexpected EOF.
	FaultTruncated FaultKind = "truncated"
	// FaultLatency answers the request normally after Fault.Delay.
	FaultLatency FaultKind = "latency"
)

// faultKinds lists the kinds in the order usage texts show them.
var faultKinds = []FaultKind{FaultError, FaultThrottle, FaultServer, FaultDrop, FaultMalformed, FaultTruncated, FaultLatency}

// Fault is one injected failure; see Server.Inject.
type Fault struct {
	Kind    FaultKind
	Count   int           // how many requests it hits (<= 0 means 1)
	Delay   time.Duration // FaultLatency
	Status  int           // FaultError
	Code    string        // FaultError
	Message string        // FaultError
}

// ParseFault parses the command line form of a fault,
// "ACTION:KIND[:COUNT[:ARG]]". KIND is one of error, throttle, 5xx, drop,
// malformed, truncated, latency; COUNT is how many requests it hits (default
// 1); ARG is required by two kinds and refused by the others: a Go duration
// for latency ("DescribeImageAuthorizedInfo:latency:3:2s") and
// "STATUS/CODE/MESSAGE" for error ("GetAuthSummary:error:1:403/Forbidden.RAM/not allowed";
// MESSAGE may contain '/' and ':'). Examples: "ShowResourceQuotas:throttle:3",
// "GetAuthSummary:5xx:2", "DescribeImageAuthorizedInfo:drop". When actions
// is not nil (Server.Actions), ACTION must be one of them.
func ParseFault(spec string, actions []string) (action string, f Fault, err error) {
	bad := func(format string, args ...any) (string, Fault, error) {
		return "", Fault{}, fmt.Errorf("fault %q: %s (want ACTION:KIND[:COUNT[:ARG]])", spec, fmt.Sprintf(format, args...))
	}
	parts := strings.SplitN(spec, ":", 4)
	if len(parts) < 2 {
		return bad("missing KIND")
	}
	action = strings.TrimSpace(parts[0])
	if action == "" {
		return bad("empty ACTION")
	}
	if err := checkAction(action, actions); err != nil {
		return bad("%v", err)
	}
	f.Kind = FaultKind(strings.ToLower(strings.TrimSpace(parts[1])))
	if !knownKind(f.Kind) {
		names := make([]string, len(faultKinds))
		for i, k := range faultKinds {
			names[i] = string(k)
		}
		return bad("unknown KIND %q, want one of %s", parts[1], strings.Join(names, ", "))
	}
	f.Count = 1
	if len(parts) > 2 && strings.TrimSpace(parts[2]) != "" {
		n, err := strconv.Atoi(strings.TrimSpace(parts[2]))
		if err != nil || n < 1 {
			return bad("COUNT %q is not a positive whole number", parts[2])
		}
		f.Count = n
	}
	arg, hasArg := "", len(parts) > 3
	if hasArg {
		arg = parts[3]
	}
	switch f.Kind {
	case FaultLatency:
		if !hasArg {
			return bad("latency needs ARG, a duration such as 2s")
		}
		d, err := time.ParseDuration(strings.TrimSpace(arg))
		if err != nil || d <= 0 {
			return bad("latency ARG %q is not a positive duration such as 2s or 500ms", arg)
		}
		f.Delay = d
	case FaultError:
		if !hasArg {
			return bad("error needs ARG, STATUS/CODE/MESSAGE")
		}
		fields := strings.SplitN(arg, "/", 3)
		if len(fields) < 2 {
			return bad("error ARG %q is not STATUS/CODE/MESSAGE", arg)
		}
		status, err := strconv.Atoi(strings.TrimSpace(fields[0]))
		if err != nil || status < 100 || status > 599 {
			return bad("error STATUS %q is not an HTTP status (100-599)", fields[0])
		}
		f.Status, f.Code = status, strings.TrimSpace(fields[1])
		if f.Code == "" {
			return bad("error CODE is empty")
		}
		if len(fields) == 3 {
			f.Message = fields[2]
		}
	default:
		if hasArg {
			return bad("%s takes no ARG, got %q", f.Kind, arg)
		}
	}
	return action, f, nil
}

func knownKind(k FaultKind) bool {
	for _, kk := range faultKinds {
		if k == kk {
			return true
		}
	}
	return false
}

// Failure is an error answer: HTTP status, vendor code and message.
type Failure struct {
	Status        int
	Code, Message string
}

// FaultAnswers is what a backend supplies for fault injection: its own error
// shape and its own throttling and server-fault answers.
type FaultAnswers interface {
	// Fail answers x with f in the cloud's error shape; status 0 is the
	// cloud's usual error status.
	Fail(x *Exchange, f Failure)
	// Throttled is the cloud's throttling answer; limit is the limit that
	// was exceeded, zero when none is set (an injected FaultThrottle).
	Throttled(limit Limit) Failure
	// ServerFault is the cloud's internal server error.
	ServerFault() Failure
}

// queuedFault is a Fault with the requests it still has to hit.
type queuedFault struct {
	Fault
	remaining int
}

// Inject queues faults for action. Queued faults are consumed in order, one
// request each, Count times each. They hit only requests that passed
// signature verification and routing, i.e. calls the API would serve, and
// only after the rate limit let the request through. It panics on an unknown
// Kind, a programming error.
func (s *Server) Inject(action string, faults ...Fault) {
	s.inject(action, false, faults)
}

// inject queues faults for action, after dropping those pending if replace.
func (s *Server) inject(action string, replace bool, faults []Fault) {
	for _, f := range faults {
		if !knownKind(f.Kind) {
			panic(fmt.Sprintf("emulator: Inject(%q): unknown fault kind %q", action, f.Kind))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if replace {
		delete(s.faults, action)
	}
	for _, f := range faults {
		s.faults[action] = append(s.faults[action], &queuedFault{Fault: f, remaining: max(f.Count, 1)})
	}
}

// PendingFaults returns how many faults are queued for action ("" = all
// actions), each counted once however many requests it still has to hit.
func (s *Server) PendingFaults(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if action != "" {
		return len(s.faults[action])
	}
	n := 0
	for _, q := range s.faults {
		n += len(q)
	}
	return n
}

// ClearFaults drops every pending fault for action ("" = all actions).
func (s *Server) ClearFaults(action string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if action == "" {
		clear(s.faults)
		return
	}
	delete(s.faults, action)
}

// InjectFault makes the next n requests for action answer with this HTTP
// status and vendor error, after signature verification. The error takes the
// shape of the action's cloud: Huawei {"error_code","error_msg","request_id"},
// Tencent {"Response":{"Error":{"Code","Message"},"RequestId"}} (Tencent
// answers errors with HTTP 200, so pass 200 to be faithful), Alibaba
// {"Code","Message","RequestId"}. n <= 0 clears pending faults. It replaces
// every fault pending for the action; Inject adds to them instead.
func (s *Server) InjectFault(action string, n int, status int, code, message string) {
	var faults []Fault
	if n > 0 {
		faults = []Fault{{Kind: FaultError, Count: n, Status: status, Code: code, Message: message}}
	}
	s.inject(action, true, faults)
}

// takeFault consumes one request's worth of the first pending fault for
// action, if any.
func (s *Server) takeFault(action string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.faults[action]
	if len(q) == 0 {
		return Fault{}, false
	}
	f := q[0]
	if f.remaining--; f.remaining <= 0 {
		if q = q[1:]; len(q) == 0 {
			delete(s.faults, action)
		} else {
			s.faults[action] = q
		}
	}
	return f.Fault, true
}

// SetLatency sets the delay added to every request, as Options.Latency.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	s.latency = d
	s.mu.Unlock()
}

// Intercept applies the rate limit, then the fault queue, to a request that
// passed authentication and routing (x.Rec.Action is set), with the answers
// of its cloud c. It reports whether the request is answered (or dropped)
// already; false means the backend answers normally, which x may alter
// (malformed, truncated).
func (x *Exchange) Intercept(c FaultAnswers) bool {
	s := x.srv
	if limit, ok := s.admit(x.Rec.AccessKey, x.Rec.Action); !ok {
		x.note = "rate limit"
		c.Fail(x, c.Throttled(limit))
		return true
	}
	f, ok := s.takeFault(x.Rec.Action)
	if !ok {
		return false
	}
	x.note = "fault " + string(f.Kind)
	switch f.Kind {
	case FaultError:
		c.Fail(x, Failure{f.Status, f.Code, f.Message})
	case FaultThrottle:
		// The answer names the action's limit, if it has one, as the
		// cloud's own throttling answer would.
		s.mu.Lock()
		l := s.limitFor(x.Rec.Action)
		s.mu.Unlock()
		c.Fail(x, c.Throttled(l))
	case FaultServer:
		c.Fail(x, c.ServerFault())
	case FaultDrop:
		x.abort = true
	case FaultMalformed, FaultTruncated:
		x.alter = f.Kind
		return false
	case FaultLatency:
		if !sleep(x.R.Context(), f.Delay) {
			x.abort = true // the client gave up; nobody to answer
			return true
		}
		return false
	}
	return true
}

// Send writes status and body, after the caller set the headers, and records
// the status; a malformed or truncated fault alters a 2xx body here.
func (x *Exchange) Send(status int, body []byte) {
	x.Rec.Status = status
	if status < 200 || status > 299 {
		x.alter = ""
	}
	switch x.alter {
	case FaultMalformed:
		body = append(body[:len(body)/2:len(body)/2], 0)
	case FaultTruncated:
		x.W.Header().Set("Content-Length", strconv.Itoa(len(body)))
		x.W.WriteHeader(status)
		_, _ = x.W.Write(body[:len(body)/2])
		if fl, ok := x.W.(http.Flusher); ok {
			fl.Flush()
		}
		x.abort = true
		return
	}
	x.W.Header().Set("Content-Length", strconv.Itoa(len(body)))
	x.W.WriteHeader(status)
	_, _ = x.W.Write(body)
}

// abortConnection closes the request's connection without (further) answer.
func abortConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// HTTP/2, or a wrapped writer: net/http resets the stream or closes the
	// connection, and does not log this panic.
	panic(http.ErrAbortHandler)
}
