package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// pollInterval is how often a running terraform's children are looked for and their memory
// read. VmHWM only grows, so a provider's peak is its last reading; what it might still add
// in the last interval before it exits is lost (a few ms of a process that lives for seconds).
const pollInterval = 5 * time.Millisecond

// sample is one measured terraform command.
type sample struct {
	Wall time.Duration
	// TerraformMaxRSSKB is wait4's ru_maxrss of terraform: the largest peak RSS among
	// terraform and the children it reaped (its provider processes).
	TerraformMaxRSSKB int64
	// ProviderHWMKB is the largest VmHWM (peak RSS) read from /proc of any provider process
	// terraform started; ProviderProcs is how many it started.
	ProviderHWMKB int64
	ProviderProcs int
	// ProviderCPU is the CPU time (user + system) of all provider processes, from
	// /proc/<pid>/stat; TerraformCPU is wait4's, terraform's and its reaped children's.
	ProviderCPU  time.Duration
	TerraformCPU time.Duration
	Err          error
	Output       string
}

// runMeasured runs terraform with args in dir and measures it: wall time from start to
// exit, terraform's ru_maxrss, and the peak RSS of each child whose executable is one of
// providers (polled from /proc/<pid>/status while it runs).
func runMeasured(ctx context.Context, terraform, dir string, env, args []string, providers []string) sample {
	cmd := exec.CommandContext(ctx, terraform, args...)
	cmd.Dir = dir
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{Err: err}
	}
	w := &watcher{parent: cmd.Process.Pid, providers: providers, seen: map[int]bool{}, peak: map[int]int64{}, cpu: map[int]time.Duration{}}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { w.poll(stop) })
	err := cmd.Wait()
	wall := time.Since(start)
	close(stop)
	wg.Wait()

	s := sample{Wall: wall, Err: err, Output: out.String()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.TerraformMaxRSSKB = ru.Maxrss // kilobytes on Linux
		s.TerraformCPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	for _, c := range w.cpu {
		s.ProviderCPU += c
	}
	for _, kb := range w.peak {
		s.ProviderHWMKB = max(s.ProviderHWMKB, kb)
	}
	s.ProviderProcs = len(w.peak)
	return s
}

// watcher finds a process's children that run a provider binary and follows their VmHWM.
type watcher struct {
	parent    int
	providers []string
	seen      map[int]bool  // provider children found
	peak      map[int]int64 // provider children: last VmHWM read, in kB
	cpu       map[int]time.Duration
}

func (w *watcher) poll(stop <-chan struct{}) {
	t := time.NewTicker(pollInterval)
	defer t.Stop()
	for {
		w.once()
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

func (w *watcher) once() {
	for _, pid := range children(w.parent) {
		if w.seen[pid] {
			continue
		}
		exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
		if err != nil {
			continue // not exec'd yet, or gone: look again next time
		}
		for _, p := range w.providers {
			if exe == p {
				w.seen[pid] = true
				w.peak[pid] = 0
			}
		}
		// Any other child is looked at again: between fork and exec it is still terraform.
	}
	for pid := range w.peak {
		if kb, ok := statusKB(pid, "VmHWM:"); ok {
			w.peak[pid] = max(w.peak[pid], kb)
		}
		if c, ok := cpuTime(pid); ok {
			w.cpu[pid] = max(w.cpu[pid], c)
		}
	}
}

// clockTick is USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux ABI Go runs on.
const clockTick = 10 * time.Millisecond

// cpuTime is a process's user + system CPU time from /proc/<pid>/stat.
func cpuTime(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	i := bytes.LastIndexByte(b, ')') // the command name may hold spaces and parentheses
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(b[i+1:])) // f[0] is field 3 (state); utime and stime are fields 14 and 15
	if len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(u+st) * clockTick, true
}

// children lists pid's child processes from /proc/<pid>/task/*/children (every thread's:
// terraform is a Go program, any thread may fork), falling back to a /proc scan when the
// kernel lacks that file.
func children(pid int) []int {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	if len(tasks) > 0 {
		var out []int
		for _, t := range tasks {
			b, err := os.ReadFile(t)
			if err != nil {
				continue
			}
			for _, f := range strings.Fields(string(b)) {
				if n, err := strconv.Atoi(f); err == nil {
					out = append(out, n)
				}
			}
		}
		return out
	}
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, ok := statusKB(n, "PPid:"); ok && int(ppid) == pid {
			out = append(out, n)
		}
	}
	return out
}

// statusKB reads one numeric field of /proc/<pid>/status (VmHWM and VmRSS are in kB).
func statusKB(pid int, field string) (int64, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			f := strings.Fields(rest)
			if len(f) == 0 {
				return 0, false
			}
			n, err := strconv.ParseInt(f[0], 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}
