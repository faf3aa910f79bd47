package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
)

// AdminPrefix starts the path of every admin route: test tooling that changes
// the running emulator (its data, its queued faults) and reads its request
// record. No cloud API has a path segment starting with "_" (Huawei's are
// /v1/..., /v3/..., /v5/...; Tencent and Alibaba post to /; the metadata
// services answer /latest/... and /openstack/...), so no cloud request is
// ever taken for one. The admin routes need no signature: they answer only
// clients on a loopback address, and the emulator is test tooling that
// listens on loopback by default.
const AdminPrefix = "/_emulator/"

// The admin routes.
const (
	// AdminData, POST: replace the data with the body, a data file
	// (Options.SetData checks it as at startup).
	AdminData = AdminPrefix + "data"
	// AdminFaults, POST: queue the faults of the body, one ParseFault spec
	// a line (the -fault syntax); all or none.
	AdminFaults = AdminPrefix + "faults"
	// AdminRequests, GET: the request record as a JSON array of Request;
	// DELETE: Reset.
	AdminRequests = AdminPrefix + "requests"
)

// maxAdminBody bounds an admin request's body, far above any data file.
const maxAdminBody = 16 << 20

// serveAdmin answers an admin route. Admin requests are not recorded: the
// record is of cloud requests.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	status := s.admin(w, r)
	if s.logger != nil {
		s.logger.Printf("admin %s %s status=%d", r.Method, r.URL.Path, status)
	}
}

func (s *Server) admin(w http.ResponseWriter, r *http.Request) int {
	if !loopback(r.RemoteAddr) {
		return adminText(w, http.StatusForbidden, "the emulator's admin routes answer only loopback clients")
	}
	methods := map[string][]string{
		AdminData:     {http.MethodPost},
		AdminFaults:   {http.MethodPost},
		AdminRequests: {http.MethodGet, http.MethodDelete},
	}
	allowed, ok := methods[r.URL.Path]
	if !ok {
		return adminText(w, http.StatusNotFound, fmt.Sprintf("no admin route %s; the routes are POST %s, POST %s, GET and DELETE %s",
			r.URL.Path, AdminData, AdminFaults, AdminRequests))
	}
	if !slices.Contains(allowed, r.Method) {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		return adminText(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s takes %s", r.URL.Path, strings.Join(allowed, " or ")))
	}
	switch r.URL.Path + " " + r.Method {
	case AdminRequests + " GET":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(s.Requests())
		return http.StatusOK
	case AdminRequests + " DELETE":
		s.Reset()
		return adminText(w, http.StatusOK, "request record cleared")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxAdminBody))
	if err != nil {
		return adminText(w, http.StatusBadRequest, "reading the body: "+err.Error())
	}
	if r.URL.Path == AdminFaults {
		n, err := s.InjectSpecs(string(body))
		if err != nil {
			return adminText(w, http.StatusBadRequest, err.Error())
		}
		return adminText(w, http.StatusOK, fmt.Sprintf("queued %d fault(s)", n))
	}
	if s.setData == nil {
		return adminText(w, http.StatusNotImplemented, "this emulator has no data to replace")
	}
	if err := s.setData(body); err != nil {
		return adminText(w, http.StatusBadRequest, err.Error())
	}
	return adminText(w, http.StatusOK, "data replaced")
}

// InjectSpecs queues the faults of text, one ParseFault spec a line (blank
// lines and lines starting with # are skipped), checking every action against
// Actions. Either every fault is queued or, on the first bad line, none.
func (s *Server) InjectSpecs(text string) (int, error) {
	actions := s.Actions()
	type queued struct {
		action string
		f      Fault
	}
	var all []queued
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		action, f, err := ParseFault(line, actions)
		if err != nil {
			return 0, err
		}
		all = append(all, queued{action, f})
	}
	if len(all) == 0 {
		return 0, errors.New("no fault given: the body holds one ACTION:KIND[:COUNT[:ARG]] a line")
	}
	for _, q := range all {
		s.Inject(q.action, q.f)
	}
	return len(all), nil
}

// Exclusive runs fn while no backend serves a request, so that fn may
// replace what the backends read (their data) without a race.
func (s *Server) Exclusive(fn func()) {
	s.serving.Lock()
	defer s.serving.Unlock()
	fn()
}

func adminText(w http.ResponseWriter, status int, msg string) int {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg+"\n")
	return status
}

// loopback reports whether addr (a RemoteAddr, host:port) is a loopback address.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
