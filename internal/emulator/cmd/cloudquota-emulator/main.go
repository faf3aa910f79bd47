// Command cloudquota-emulator serves the cloud API emulator on a local port,
// for running the provider by hand or from scripts without cloud accounts.
//
// Usage:
//
//	cloudquota-emulator -version
//	cloudquota-emulator -schema > data.schema.json   (the data file's JSON Schema)
//	cloudquota-emulator [-listen ADDR] [-data FILE] [-url-file FILE] [-quiet]
//	    [-limits documented|off] [-limit ACTION=N/DURATION]... [-rate-limit N]
//	    [-latency DURATION] [-fault SPEC]... [credential flags]
//
// Rate limits: by default the emulator enforces each API's documented limit
// per access key in a sliding window (HSS 5 calls a minute, TCSS 20 a
// second, ...; see all.LimitTable), answering requests over it with the
// cloud's own throttling answer.
//
//	-limits off       lift the documented limits
//	-limit ShowResourceQuotas=100/1s
//	                  set one action's limit (repeatable; applied last)
//	-rate-limit 20    replace the documented limits with 20 requests a second
//	                  for every action
//
// Fault injection, for trying retries and limits by hand:
//
//	-latency 300ms    delay every request by this much
//	-fault SPEC       queue a fault; repeatable, consumed in the order given.
//	                  SPEC is ACTION:KIND[:COUNT[:ARG]], KIND one of error,
//	                  throttle, 5xx, drop, malformed, truncated, latency; ARG a
//	                  duration for latency, STATUS/CODE/MESSAGE for error:
//	                    -fault ShowResourceQuotas:throttle:3
//	                    -fault GetAuthSummary:5xx:2
//	                    -fault DescribeImageAuthorizedInfo:drop
//	                    -fault DescribeImageAuthorizedInfo:latency:3:2s
//	                    -fault GetAuthSummary:error:1:403/Forbidden.RAM/denied
//
// Faults and rate limits hit only requests with a valid signature that the
// emulated API would serve. A -fault or -limit naming an action the emulator
// does not serve is a startup error that lists the actions it serves.
//
// exec runs a command against a fresh emulator (see exec.go and execUsage):
//
//	cloudquota-emulator exec [flags] -- terraform test
//
// A running emulator changes its data and queues faults through its admin
// routes, for loopback clients only: POST /_emulator/data (a data file),
// POST /_emulator/faults (-fault specs, one a line), GET and DELETE
// /_emulator/requests (the request record).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"maps"
	"math"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/tencent"
)

// specFlags collects a repeated flag's values, each checked by parse when
// given (its action is checked once the emulator knows what it serves).
type specFlags struct {
	specs []string
	parse func(string) error
}

func (f *specFlags) String() string { return strings.Join(f.specs, " ") }

func (f *specFlags) Set(spec string) error {
	if err := f.parse(spec); err != nil {
		return err
	}
	f.specs = append(f.specs, spec)
	return nil
}

// version is the release, set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "exec" {
		os.Exit(execMain(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
	}
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return // -h: the usage is printed already
		}
		fmt.Fprintln(os.Stderr, "cloudquota-emulator:", err)
		os.Exit(1)
	}
}

// config is what the flags shared by serving and exec set.
type config struct {
	listen, dataPath, urlFile, logPath string
	quiet                              bool
	ak, sk, tcID, tcKey, aliAK, aliSK  string
	latency                            time.Duration
	limitsMode                         string
	limits, faults                     specFlags
	rateLimit                          float64
}

// addFlags defines the emulator's flags on fs.
func addFlags(fs *flag.FlagSet) *config {
	c := &config{
		limits: specFlags{parse: func(spec string) error { _, _, err := emulator.ParseLimitSpec(spec, nil); return err }},
		faults: specFlags{parse: func(spec string) error { _, _, err := emulator.ParseFault(spec, nil); return err }},
	}
	fs.StringVar(&c.listen, "listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	fs.StringVar(&c.dataPath, "data", "", "JSON data file replacing the default responses (optional)")
	fs.StringVar(&c.urlFile, "url-file", "", "write the base URL to this file once listening (optional)")
	fs.StringVar(&c.logPath, "log", "", "append the request log to this `file` instead of stderr (optional)")
	fs.BoolVar(&c.quiet, "quiet", false, "do not log each request (exec: nor name the emulator's URL on stderr)")
	fs.StringVar(&c.ak, "huawei-access-key", huawei.DefaultCredential.AccessKey, "Huawei Cloud access key to accept")
	fs.StringVar(&c.sk, "huawei-secret-key", huawei.DefaultCredential.SecretKey, "Huawei Cloud secret key to accept")
	fs.StringVar(&c.tcID, "tencent-secret-id", tencent.DefaultCredential.AccessKey, "Tencent Cloud SecretId to accept")
	fs.StringVar(&c.tcKey, "tencent-secret-key", tencent.DefaultCredential.SecretKey, "Tencent Cloud SecretKey to accept")
	fs.StringVar(&c.aliAK, "alibaba-access-key", alibaba.DefaultCredential.AccessKey, "Alibaba Cloud AccessKey ID to accept")
	fs.StringVar(&c.aliSK, "alibaba-secret-key", alibaba.DefaultCredential.SecretKey, "Alibaba Cloud AccessKey secret to accept")
	fs.DurationVar(&c.latency, "latency", 0, "delay every request by this `duration` (e.g. 300ms)")
	fs.StringVar(&c.limitsMode, "limits", "documented", "the APIs' rate limits per access key: `documented` (each vendor's, see the package docs) or off")
	fs.Var(&c.limits, "limit", "set one action's rate limit per access key, `ACTION=N/DURATION` (repeatable), e.g. ShowResourceQuotas=100/1s")
	fs.Float64Var(&c.rateLimit, "rate-limit", 0, "replace the documented limits: serve at most `N` requests a second per access key and action, answering the rest with the cloud's throttling error (0 = keep -limits)")
	fs.Var(&c.faults, "fault", "queue a fault, `ACTION:KIND[:COUNT[:ARG]]` (repeatable; KIND: error, throttle, 5xx, drop, malformed, truncated, latency; "+
		"ARG: a duration for latency, STATUS/CODE/MESSAGE for error), e.g. ShowResourceQuotas:throttle:3")
	return c
}

// build checks the flags' values and builds the emulator; logTo receives the
// request log unless -quiet or -log (nil: none unless -log). The returned
// closer closes the -log file.
func (c *config) build(logTo io.Writer) (*all.Server, func(), error) {
	noop := func() {}
	if c.latency < 0 {
		return nil, noop, errors.New("-latency must not be negative")
	}
	if c.rateLimit < 0 || math.IsNaN(c.rateLimit) || math.IsInf(c.rateLimit, 0) {
		return nil, noop, errors.New("-rate-limit must be a number >= 0")
	}
	if c.limitsMode != "documented" && c.limitsMode != "off" {
		return nil, noop, fmt.Errorf("-limits %q: want documented or off", c.limitsMode)
	}
	for _, v := range []string{c.ak, c.sk, c.tcID, c.tcKey, c.aliAK, c.aliSK} {
		if v == "" {
			return nil, noop, errors.New("credential flags must not be empty")
		}
	}

	opts := all.Options{
		Huawei:    huawei.Options{Credentials: []emulator.Credential{{AccessKey: c.ak, SecretKey: c.sk}}},
		Tencent:   tencent.Options{Credentials: []emulator.Credential{{AccessKey: c.tcID, SecretKey: c.tcKey}}},
		Alibaba:   alibaba.Options{Credentials: []emulator.Credential{{AccessKey: c.aliAK, SecretKey: c.aliSK}}},
		Latency:   c.latency,
		NoLimits:  c.limitsMode == "off",
		RateLimit: c.rateLimit,
	}
	if c.dataPath != "" {
		d, err := all.LoadData(c.dataPath)
		if err != nil {
			return nil, noop, err
		}
		opts.Data = d
	}
	closer := noop
	switch {
	case c.logPath != "":
		f, err := os.OpenFile(c.logPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return nil, noop, err
		}
		closer = func() { _ = f.Close() }
		opts.Logger = log.New(f, "", log.LstdFlags)
	case !c.quiet && logTo != nil:
		opts.Logger = log.New(logTo, "", log.LstdFlags)
	}

	emu := all.New(opts)
	actions := emu.Actions()
	for _, spec := range c.limits.specs {
		action, l, err := emulator.ParseLimitSpec(spec, actions)
		if err != nil {
			closer()
			return nil, noop, err
		}
		emu.SetLimit(action, l)
	}
	for _, spec := range c.faults.specs {
		action, f, err := emulator.ParseFault(spec, actions)
		if err != nil {
			closer()
			return nil, noop, err
		}
		emu.Inject(action, f)
	}
	return emu, closer, nil
}

// listen opens the listener and writes -url-file.
func (c *config) listenURL() (net.Listener, string, error) {
	ln, err := net.Listen("tcp", c.listen)
	if err != nil {
		return nil, "", err
	}
	baseURL := "http://" + ln.Addr().String()
	if c.urlFile != "" {
		if err := os.WriteFile(c.urlFile, []byte(baseURL+"\n"), 0o644); err != nil {
			_ = ln.Close()
			return nil, "", err
		}
	}
	return ln, baseURL, nil
}

// serve serves emu on ln until stop is closed, then shuts it down.
func serve(emu http.Handler, ln net.Listener, stop <-chan struct{}) error {
	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return err
	case <-stop:
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cloudquota-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := addFlags(fs)
	showVersion := fs.Bool("version", false, "print the version and exit")
	showSchema := fs.Bool("schema", false, "print the JSON Schema of the -data file (every field, described) and exit")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: cloudquota-emulator [flags]\n       cloudquota-emulator exec [flags] -- COMMAND [ARGS...]   (see exec -h)\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *showVersion {
		fmt.Fprintf(stdout, "cloudquota-emulator %s\n", version)
		return nil
	}
	if *showSchema {
		_, err := stdout.Write(all.DataSchema)
		return err
	}
	emu, closeLog, err := c.build(stderr)
	if err != nil {
		return err
	}
	defer closeLog()

	// Catch signals before announcing the URL, so a caller that reads the URL
	// file and then signals always gets a clean shutdown.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	ln, baseURL, err := c.listenURL()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "cloudquota emulator listening on %s\n", baseURL)
	// Emulator-only credentials, printed so the provider can be pointed at it.
	fmt.Fprintf(stdout, "huaweicloud access key: %s\nhuaweicloud secret key: %s\n", c.ak, c.sk)
	fmt.Fprintf(stdout, "tencentcloud secret id: %s\ntencentcloud secret key: %s\n", c.tcID, c.tcKey)
	fmt.Fprintf(stdout, "alicloud access key: %s\nalicloud secret key: %s\n", c.aliAK, c.aliSK)

	if c.latency > 0 {
		fmt.Fprintf(stdout, "latency: %s\n", c.latency)
	}
	if c.rateLimit > 0 {
		fmt.Fprintf(stdout, "rate limit: %g requests/s per access key and action\n", c.rateLimit)
	}
	for _, spec := range c.faults.specs {
		fmt.Fprintf(stdout, "fault: %s\n", spec)
	}
	for _, action := range slices.Sorted(maps.Keys(emu.Limits())) {
		fmt.Fprintf(stdout, "limit: %s %s per access key\n", action, emu.Limits()[action])
	}
	return serve(emu, ln, ctx.Done())
}
