package conns

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// MetadataTimeout bounds each instance-metadata credential lookup. Off a cloud VM the
// link-local metadata address may never answer, and a plan must not wait on it for the
// SDK's own (much longer) timeouts.
var MetadataTimeout = 2 * time.Second

// CredentialTrail records, for one cloud, every credential source consulted and why it gave
// nothing, so that "no credentials" names each source tried, in order.
type CredentialTrail struct {
	Cloud string // as diagnostics name it, e.g. "Huawei Cloud"
	Block string // the provider block, e.g. "huaweicloud"
	tried []string
}

// Skip records that source was consulted and gave no credentials, and why.
func (t *CredentialTrail) Skip(source, why string) {
	t.tried = append(t.tried, fmt.Sprintf("  - %s: %s", source, why))
}

// NotConfigured is the configuration error for a chain in which no source had credentials;
// hint says what to set.
func (t *CredentialTrail) NotConfigured(hint string) *ConfigError {
	return &ConfigError{
		Summary: t.Cloud + " credentials are not configured",
		Detail: fmt.Sprintf("No credentials were found for the %s provider block. Sources tried, in order:\n%s\n\n%s",
			t.Block, strings.Join(t.tried, "\n"), hint),
	}
}

// FromMetadata runs an SDK's instance-metadata credential lookup, giving up after
// MetadataTimeout. The lookup cannot be cancelled (the SDKs take no context), so on timeout
// it is abandoned; its own HTTP timeouts end it later.
func FromMetadata[T any](lookup func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := lookup()
		done <- result{v, err}
	}()
	timer := time.NewTimer(MetadataTimeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.v, r.err
	case <-timer.C:
		var zero T
		return zero, fmt.Errorf("no answer within %s (not on a cloud instance, or the metadata service "+
			"is unreachable)", MetadataTimeout)
	}
}

// STSHost turns an STS endpoint override (a full https URL) into the host[:port] form the
// Tencent and Alibaba SDKs' credential providers take: they always call STS over HTTPS.
func STSHost(endpoint string) (string, error) {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("STS endpoint %q is not a URL", endpoint)
	}
	if u.Scheme != "https" {
		return "", fmt.Errorf("STS endpoint %q must use https: the SDK's credential providers call STS over "+
			"HTTPS only", endpoint)
	}
	if u.Path != "" && u.Path != "/" {
		return "", fmt.Errorf("STS endpoint %q must not have a path", endpoint)
	}
	return u.Host, nil
}

// ParseSessionDuration reads a role session length as the settings give it: a Go duration
// ("1h", from HCL or a variable) or whole seconds ("3600", as the vendors' variables are often
// set). "" is def. The STS and IAM APIs take whole seconds within [lo, hi].
func ParseSessionDuration(raw string, def, lo, hi time.Duration) (time.Duration, error) {
	if raw == "" {
		return def, nil
	}
	d, err := time.ParseDuration(raw)
	if err != nil {
		secs, serr := strconv.ParseInt(raw, 10, 64)
		if serr != nil {
			return 0, fmt.Errorf("%q is neither a Go duration (\"1h\") nor whole seconds", raw)
		}
		d = time.Duration(secs) * time.Second
	}
	if d < lo || d > hi || d%time.Second != 0 {
		return 0, fmt.Errorf("%s is outside the accepted range, whole seconds from %s to %s", d, lo, hi)
	}
	return d, nil
}

// ExpandHome replaces a leading "~/" in p with the user's home directory; other paths are
// returned as they are.
func ExpandHome(p string) (string, error) {
	if !strings.HasPrefix(p, "~/") {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, p[2:]), nil
}
