package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/provider"
)

// version is set by goreleaser through -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, serve))
}

// run is main without its exits, for tests: it parses the flags, answers -version, and
// otherwise serves the provider (which Terraform starts with no arguments).
func run(args []string, stdout, stderr io.Writer, serve func(debug bool) error) int {
	fs := flag.NewFlagSet("terraform-provider-cloudquota", flag.ContinueOnError)
	fs.SetOutput(stderr)
	debugMode := fs.Bool("debug", false, "run the provider with support for debuggers like delve")
	showVersion := fs.Bool("version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "terraform-provider-cloudquota: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, "terraform-provider-cloudquota", version)
		return 0
	}
	if err := serve(*debugMode); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// serve runs the provider's gRPC server until Terraform stops it.
func serve(debugMode bool) error {
	quietSDKLogs(os.Getenv, os.Setenv)
	boundMemory(os.Getenv)
	return providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/cloudquota/cloudquota",
		Debug:   debugMode,
	})
}

// logVariables are those with which a user asks Terraform, or the plugin SDKs, for logs.
var logVariables = []string{
	"TF_LOG", "TF_LOG_PATH", "TF_LOG_CORE", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_CLOUDQUOTA",
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_HELPER_SCHEMA",
}

// quietSDKLogs turns the plugin SDKs' own logs off when nobody asked for logs. Left alone,
// terraform-plugin-go and the framework write every RPC and every step of every read at
// TRACE to stderr, where Terraform decodes each line only to discard it: at 500 data
// sources in one plan that was 45% of the provider's CPU (BENCHMARKS.md). With any log
// variable set, nothing changes, so TF_LOG=trace debugging is as before.
func quietSDKLogs(getenv func(string) string, setenv func(string, string) error) {
	for _, name := range logVariables {
		if getenv(name) != "" {
			return
		}
	}
	_ = setenv("TF_LOG_SDK", "off")
}

// memoryLimit is the provider's soft memory limit unless GOMEMLIMIT says otherwise: the Go
// collector then works harder near it instead of letting the heap double between cycles.
// Never a hard cap: above it the runtime keeps allocating.
const memoryLimit = 32 << 20

func boundMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
