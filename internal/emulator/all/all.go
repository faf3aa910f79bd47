// Package all assembles the emulator of every cloud the provider reads: the
// core server (package emulator) with the huawei, tencent and alibaba
// backends, and the data file that spans them. Tests and the command use it;
// the cloud packages never import it.
package all

import (
	"fmt"
	"log"
	"maps"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/tencent"
)

// Options configures a Server: each cloud's own options, and the core's.
type Options struct {
	// Data, when set, is every cloud's data (it replaces the clouds' own
	// Options.Data); nil keeps theirs, by default the vendor docs' examples.
	Data *Data

	Huawei  huawei.Options
	Tencent tencent.Options
	Alibaba alibaba.Options

	Logger *log.Logger // see emulator.Options
	// Latency is emulator.Options': delay on every request.
	Latency time.Duration

	// The rate limits, per access key and action: the documented ones
	// (LimitTable) unless NoLimits or RateLimit, then Limits on top.
	//
	// NoLimits lifts the documented limits (tests that are not about limits
	// use it: HSS allows 5 calls a minute).
	NoLimits bool
	// RateLimit > 0 replaces the documented limits with one of RateLimit
	// requests a second for every action (see emulator.Options).
	RateLimit float64
	// Limits set or change single actions' limits, e.g.
	// {"ShowResourceQuotas": {N: 100, Window: time.Second}}.
	Limits map[string]emulator.Limit
}

// Server is the core server with the three clouds, which tests may reach
// for their own state (Huawei.ProjectID).
type Server struct {
	*emulator.Server
	Huawei  *huawei.Cloud
	Tencent *tencent.Cloud
	Alibaba *alibaba.Cloud
}

// New builds a Server from opts. The data is copied, so the caller may reuse
// or mutate it afterwards.
func New(opts Options) *Server {
	if opts.Data != nil {
		opts.Huawei.Data = &opts.Data.HuaweiCloud
		opts.Tencent.Data = &opts.Data.TencentCloud
		opts.Alibaba.Data = &opts.Data.AlibabaCloud
	}
	s := &Server{
		Huawei:  huawei.New(opts.Huawei),
		Tencent: tencent.New(opts.Tencent),
		Alibaba: alibaba.New(opts.Alibaba),
	}
	limits := map[string]emulator.Limit{}
	if !opts.NoLimits && opts.RateLimit <= 0 {
		limits = DocumentedLimits()
	}
	maps.Copy(limits, opts.Limits)
	s.Server = emulator.New(emulator.Options{
		// Huawei goes last: it is the fallback for paths no other cloud claims.
		Backends:  []emulator.Backend{s.Tencent, s.Alibaba, s.Huawei},
		Logger:    opts.Logger,
		Latency:   opts.Latency,
		Limits:    limits,
		RateLimit: opts.RateLimit,
		// POST /_emulator/data: a data file, checked as -data is.
		SetData: func(body []byte) error {
			d, err := ParseData(body)
			if err != nil {
				return fmt.Errorf("emulator data: %w", err)
			}
			s.SetData(d)
			return nil
		},
	})
	return s
}
