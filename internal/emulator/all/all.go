// Package all assembles the emulator of every cloud the provider reads: the
// core server (package emulator) with the huawei, tencent and alibaba
// backends, and the data file that spans them. Tests and the command use it;
// the cloud packages never import it.
package all

import (
	"log"
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
	// Latency and RateLimit are emulator.Options': delay on every request,
	// and requests a second served per action (0 = no limit).
	Latency   time.Duration
	RateLimit float64
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
	s.Server = emulator.New(emulator.Options{
		// Huawei goes last: it is the fallback for paths no other cloud claims.
		Backends:  []emulator.Backend{s.Tencent, s.Alibaba, s.Huawei},
		Logger:    opts.Logger,
		Latency:   opts.Latency,
		RateLimit: opts.RateLimit,
	})
	return s
}
