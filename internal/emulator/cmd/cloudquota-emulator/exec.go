package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
)

// execUsage is the text of exec -h, before the flags.
const execUsage = `Usage: cloudquota-emulator exec [flags] -- COMMAND [ARGS...]

Runs COMMAND against a fresh emulator, so that an unchanged module is tested
with one line:

  cloudquota-emulator exec -- terraform test

It starts the emulator on a free loopback port (the flags below are those of
serving), runs COMMAND with this stdin, stdout and stderr, forwards SIGTERM
(and SIGINT not sent by the terminal, which COMMAND got already) to it, stops
the emulator when COMMAND ends and exits with COMMAND's exit status.

Unlike serving, exec lifts the documented rate limits by default (-limits off;
pass -limits documented to keep them).

COMMAND's environment gains each of these variables that is not set already
(a value of your own wins):
  CLOUDQUOTA_ENDPOINT     the emulator's URL, for every service of every cloud
  CLOUDQUOTA_RATE_LIMITS  *=1000/1s: reads never wait on the provider's budgets
  HW_ACCESS_KEY, HW_SECRET_KEY, HW_REGION_NAME (cn-north-4)
  TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_REGION (ap-guangzhou)
  ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, ALICLOUD_REGION (cn-shanghai)
(the keys are those the emulator accepts, see the -*-key flags), and always
CLOUDQUOTA_EMULATOR_URL, the emulator's URL, for its admin routes (loopback
clients only, no signature):
  POST   $CLOUDQUOTA_EMULATOR_URL/_emulator/data      replace the data (a -data file's JSON)
  POST   $CLOUDQUOTA_EMULATOR_URL/_emulator/faults    queue faults (-fault specs, one a line)
  GET    $CLOUDQUOTA_EMULATOR_URL/_emulator/requests  the request record (JSON); DELETE clears it

The request log goes only to -log FILE, so that COMMAND's output stays its own.
Exit status: COMMAND's (128+N when signal N ended it); 125 when the emulator
does not start, 126 when COMMAND cannot be run, 127 when it is not found.

Flags:
`

// Exit statuses of exec's own failures, as env(1) and shells use them.
const (
	exitEmulator   = 125
	exitCannotRun  = 126
	exitNotFound   = 127
	execRateLimits = "*=1000/1s"
	// EnvEmulatorURL is always set for COMMAND: the emulator's URL even where the
	// user's own CLOUDQUOTA_ENDPOINT points elsewhere.
	envEmulatorURL = "CLOUDQUOTA_EMULATOR_URL"
)

// execVar is one variable exec sets for COMMAND unless it is set already.
type execVar struct {
	name, value string
	// warn: a value of the user's own that differs is worth a line on stderr,
	// since the emulator will refuse it (a key) or not be used (the endpoint).
	warn string
}

// execVars are the variables of ENV_CONTRACT: the endpoint, the budgets, and
// each cloud's keys (those the emulator accepts) and a region it serves.
func (c *config) execVars(url string) []execVar {
	key := func(flag string) string { return "the emulator accepts only -" + flag + "'s value" }
	return []execVar{
		{"CLOUDQUOTA_ENDPOINT", url, "the provider will not read from this emulator"},
		{"CLOUDQUOTA_RATE_LIMITS", execRateLimits, ""},
		{"HW_ACCESS_KEY", c.ak, key("huawei-access-key")},
		{"HW_SECRET_KEY", c.sk, key("huawei-secret-key")},
		{"HW_REGION_NAME", "cn-north-4", ""},
		{"TENCENTCLOUD_SECRET_ID", c.tcID, key("tencent-secret-id")},
		{"TENCENTCLOUD_SECRET_KEY", c.tcKey, key("tencent-secret-key")},
		{"TENCENTCLOUD_REGION", "ap-guangzhou", ""},
		{"ALICLOUD_ACCESS_KEY", c.aliAK, key("alibaba-access-key")},
		{"ALICLOUD_SECRET_KEY", c.aliSK, key("alibaba-secret-key")},
		{"ALICLOUD_REGION", "cn-shanghai", ""},
	}
}

// execEnv is COMMAND's environment: environ with each of vars added unless
// environ sets it to a non-empty value (an empty one is replaced: the provider
// reads empty as unset), and envEmulatorURL always. warnings name the kept
// variables that differ where that matters, without their values (keys).
func execEnv(environ []string, url string, vars []execVar) (env, warnings []string) {
	have := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			have[k] = v
		}
	}
	env = make([]string, 0, len(environ)+len(vars)+1)
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if k == envEmulatorURL || (have[k] == "" && isExecVar(k, vars)) {
			continue // replaced below
		}
		env = append(env, kv)
	}
	for _, v := range vars {
		own := have[v.name]
		if own == "" {
			env = append(env, v.name+"="+v.value)
			continue
		}
		if own != v.value && v.warn != "" {
			warnings = append(warnings, fmt.Sprintf("keeping %s from the environment: %s", v.name, v.warn))
		}
	}
	return append(env, envEmulatorURL+"="+url), warnings
}

func isExecVar(name string, vars []execVar) bool {
	for _, v := range vars {
		if v.name == name {
			return true
		}
	}
	return false
}

// execMain is `cloudquota-emulator exec`; it returns the exit status.
func execMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("cloudquota-emulator exec", flag.ContinueOnError)
	fset.SetOutput(stderr)
	c := addFlags(fset)
	// A module test is not about the clouds' limits: HSS's 5 reads a minute
	// would throttle the second run of a test.
	fset.Lookup("limits").DefValue = "off"
	c.limitsMode = "off"
	fset.Usage = func() {
		fmt.Fprint(fset.Output(), execUsage)
		fset.PrintDefaults()
	}
	fail := func(status int, format string, a ...any) int {
		fmt.Fprintf(stderr, "cloudquota-emulator exec: "+format+"\n", a...)
		return status
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitEmulator // the flag package printed the error and the usage
	}
	argv := fset.Args()
	if len(argv) == 0 {
		return fail(exitEmulator, "no COMMAND given (cloudquota-emulator exec [flags] -- COMMAND [ARGS...])")
	}
	emu, closeLog, err := c.build(nil)
	if err != nil {
		return fail(exitEmulator, "%v", err)
	}
	defer closeLog()

	// Signals are caught from before COMMAND starts until the emulator has stopped.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)

	ln, url, err := c.listenURL()
	if err != nil {
		return fail(exitEmulator, "%v", err)
	}
	stop := make(chan struct{})
	served := make(chan error, 1)
	go func() { served <- serve(emu, ln, stop) }()
	stopEmulator := func() {
		close(stop)
		if err := <-served; err != nil {
			fmt.Fprintf(stderr, "cloudquota-emulator exec: stopping the emulator: %v\n", err)
		}
	}

	env, warnings := execEnv(os.Environ(), url, c.execVars(url))
	for _, w := range warnings {
		fmt.Fprintln(stderr, "cloudquota-emulator exec:", w)
	}
	if !c.quiet {
		fmt.Fprintf(stderr, "cloudquota-emulator exec: emulator at %s for %s\n", url, argv[0])
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr, cmd.Env = stdin, stdout, stderr, env
	if err := cmd.Start(); err != nil {
		stopEmulator()
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
			return fail(exitNotFound, "%v", err)
		}
		return fail(exitCannotRun, "%v", err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	for done := false; !done; {
		select {
		case sig := <-sigs:
			// Ctrl-C reaches COMMAND from the terminal (same process group):
			// a second SIGINT would make terraform stop at once instead of
			// cleanly.
			if sig == syscall.SIGTERM || !terminalSentInterrupt() {
				_ = cmd.Process.Signal(sig)
			}
		case <-waited:
			done = true
		}
	}
	stopEmulator()
	return exitStatus(cmd.ProcessState)
}

// exitStatus is COMMAND's exit status as a shell reports it: 128+N when
// signal N ended it.
func exitStatus(ps *os.ProcessState) int {
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ps.ExitCode()
}
