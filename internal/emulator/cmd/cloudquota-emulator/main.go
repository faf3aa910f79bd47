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
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return // -h: the usage is printed already
		}
		fmt.Fprintln(os.Stderr, "cloudquota-emulator:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cloudquota-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	dataPath := fs.String("data", "", "JSON data file replacing the default responses (optional)")
	urlFile := fs.String("url-file", "", "write the base URL to this file once listening (optional)")
	quiet := fs.Bool("quiet", false, "do not log each request")
	showVersion := fs.Bool("version", false, "print the version and exit")
	showSchema := fs.Bool("schema", false, "print the JSON Schema of the -data file (every field, described) and exit")
	ak := fs.String("huawei-access-key", huawei.DefaultCredential.AccessKey, "Huawei Cloud access key to accept")
	sk := fs.String("huawei-secret-key", huawei.DefaultCredential.SecretKey, "Huawei Cloud secret key to accept")
	tcID := fs.String("tencent-secret-id", tencent.DefaultCredential.AccessKey, "Tencent Cloud SecretId to accept")
	tcKey := fs.String("tencent-secret-key", tencent.DefaultCredential.SecretKey, "Tencent Cloud SecretKey to accept")
	aliAK := fs.String("alibaba-access-key", alibaba.DefaultCredential.AccessKey, "Alibaba Cloud AccessKey ID to accept")
	aliSK := fs.String("alibaba-secret-key", alibaba.DefaultCredential.SecretKey, "Alibaba Cloud AccessKey secret to accept")
	latency := fs.Duration("latency", 0, "delay every request by this `duration` (e.g. 300ms)")
	limitsMode := fs.String("limits", "documented", "the APIs' rate limits per access key: `documented` (each vendor's, see the package docs) or off")
	limits := specFlags{parse: func(spec string) error { _, _, err := emulator.ParseLimitSpec(spec, nil); return err }}
	fs.Var(&limits, "limit", "set one action's rate limit per access key, `ACTION=N/DURATION` (repeatable), e.g. ShowResourceQuotas=100/1s")
	rateLimit := fs.Float64("rate-limit", 0, "replace the documented limits: serve at most `N` requests a second per access key and action, answering the rest with the cloud's throttling error (0 = keep -limits)")
	faults := specFlags{parse: func(spec string) error { _, _, err := emulator.ParseFault(spec, nil); return err }}
	fs.Var(&faults, "fault", "queue a fault, `ACTION:KIND[:COUNT[:ARG]]` (repeatable; KIND: error, throttle, 5xx, drop, malformed, truncated, latency; "+
		"ARG: a duration for latency, STATUS/CODE/MESSAGE for error), e.g. ShowResourceQuotas:throttle:3")
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
	if *latency < 0 {
		return errors.New("-latency must not be negative")
	}
	if *rateLimit < 0 || math.IsNaN(*rateLimit) || math.IsInf(*rateLimit, 0) {
		return errors.New("-rate-limit must be a number >= 0")
	}
	if *limitsMode != "documented" && *limitsMode != "off" {
		return fmt.Errorf("-limits %q: want documented or off", *limitsMode)
	}
	for _, v := range []string{*ak, *sk, *tcID, *tcKey, *aliAK, *aliSK} {
		if v == "" {
			return errors.New("credential flags must not be empty")
		}
	}

	opts := all.Options{
		Huawei:    huawei.Options{Credentials: []emulator.Credential{{AccessKey: *ak, SecretKey: *sk}}},
		Tencent:   tencent.Options{Credentials: []emulator.Credential{{AccessKey: *tcID, SecretKey: *tcKey}}},
		Alibaba:   alibaba.Options{Credentials: []emulator.Credential{{AccessKey: *aliAK, SecretKey: *aliSK}}},
		Latency:   *latency,
		NoLimits:  *limitsMode == "off",
		RateLimit: *rateLimit,
	}
	if *dataPath != "" {
		d, err := all.LoadData(*dataPath)
		if err != nil {
			return err
		}
		opts.Data = d
	}
	if !*quiet {
		opts.Logger = log.New(stderr, "", log.LstdFlags)
	}

	emu := all.New(opts)
	actions := emu.Actions()
	for _, spec := range limits.specs {
		action, l, err := emulator.ParseLimitSpec(spec, actions)
		if err != nil {
			return err
		}
		emu.SetLimit(action, l)
	}
	for _, spec := range faults.specs {
		action, f, err := emulator.ParseFault(spec, actions)
		if err != nil {
			return err
		}
		emu.Inject(action, f)
	}

	// Catch signals before announcing the URL, so a caller that reads the URL
	// file and then signals always gets a clean shutdown.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	baseURL := "http://" + ln.Addr().String()
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(baseURL+"\n"), 0o644); err != nil {
			_ = ln.Close()
			return err
		}
	}
	fmt.Fprintf(stdout, "cloudquota emulator listening on %s\n", baseURL)
	// Emulator-only credentials, printed so the provider can be pointed at it.
	fmt.Fprintf(stdout, "huaweicloud access key: %s\nhuaweicloud secret key: %s\n", *ak, *sk)
	fmt.Fprintf(stdout, "tencentcloud secret id: %s\ntencentcloud secret key: %s\n", *tcID, *tcKey)
	fmt.Fprintf(stdout, "alicloud access key: %s\nalicloud secret key: %s\n", *aliAK, *aliSK)

	if *latency > 0 {
		fmt.Fprintf(stdout, "latency: %s\n", *latency)
	}
	if *rateLimit > 0 {
		fmt.Fprintf(stdout, "rate limit: %g requests/s per access key and action\n", *rateLimit)
	}
	for _, spec := range faults.specs {
		fmt.Fprintf(stdout, "fault: %s\n", spec)
	}
	for _, action := range slices.Sorted(maps.Keys(emu.Limits())) {
		fmt.Fprintf(stdout, "limit: %s %s per access key\n", action, emu.Limits()[action])
	}

	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
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
