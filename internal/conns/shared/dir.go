// Package shared keeps the state that every provider process of one OS user shares on one
// machine: the calls each API's documented window has admitted (Limiter) and, when cache_ttl
// is set, recent successful answers (Answers). The clouds count requests per account and API
// whoever sends them, so a `terragrunt run-all plan` of thirty modules, parallel CI jobs on
// one runner, or a plan followed by an apply must spend one budget between them.
//
// The state lives in files under one directory, each guarded by an OS file lock (flock on
// Unix, LockFileEx on Windows) and replaced atomically. Nothing secret is written: keys are
// one-way hashes, and the caller hashes the account before it reaches this package. A
// directory that cannot be used, or a file that is corrupt, is reported through the warn
// callback and the caller falls back to in-process state: never an error, never a hang.
package shared

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
	"github.com/google/renameio/v2/maybe"
)

// EnvDir names the directory; unset, DefaultDir applies.
const EnvDir = "CLOUDQUOTA_CACHE_DIR"

// File modes: no group or other bits, since the files describe the user's accounts.
const (
	dirMode  fs.FileMode = 0o700
	fileMode fs.FileMode = 0o600
)

// lockPoll is how often a waiter retries a lock another process holds. Locks are held for
// a read-modify-write of a few hundred bytes, or (answers) for one API call.
const lockPoll = 5 * time.Millisecond

// DefaultDir is the user cache directory's cloudquota/: $XDG_CACHE_HOME or ~/.cache on
// Linux, ~/Library/Caches on macOS, %LocalAppData% on Windows.
func DefaultDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "cloudquota"), nil
}

// Dir is the opened state directory.
type Dir struct {
	path string
}

// Open prepares path (DefaultDir when "") for use: it is created owner-only, an existing
// one loses any group or other permission bits, and a probe file proves it writable.
func Open(path string) (*Dir, error) {
	if path == "" {
		var err error
		if path, err = DefaultDir(); err != nil {
			return nil, fmt.Errorf("no user cache directory: %w", err)
		}
	}
	for _, sub := range []string{"", "limits", "answers"} {
		p := filepath.Join(path, sub)
		if err := os.MkdirAll(p, dirMode); err != nil {
			return nil, err
		}
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("%s is not a directory", p)
		}
		if info.Mode().Perm()&0o077 != 0 {
			if err := os.Chmod(p, dirMode); err != nil {
				return nil, fmt.Errorf("%s is open to other users and cannot be made private: %w", p, err)
			}
		}
	}
	d := &Dir{path: path}
	probe := filepath.Join(path, ".probe")
	if err := maybe.WriteFile(probe, []byte("ok"), fileMode); err != nil {
		return nil, err
	}
	_ = os.Remove(probe)
	return d, nil
}

// Path is the directory's path.
func (d *Dir) Path() string { return d.path }

// Key turns the parts that identify a budget or an answer into a file name: a SHA-256, so
// that no part (an account hash, arguments) is readable from the directory listing.
func Key(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// errLockTimeout is a lock wait cut short by the read's context.
var errLockTimeout = errors.New("gave up waiting for another provider process's file lock")

// withLock runs fn while holding the lock of file (a path under the directory). The wait is
// bounded by ctx; the OS releases the lock of a process that dies holding it.
func (d *Dir) withLock(ctx context.Context, file string, fn func() error) error {
	l := flock.New(file+".lock", flock.SetPermissions(fileMode))
	ok, err := l.TryLockContext(ctx, lockPoll)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w: %w", errLockTimeout, ctx.Err())
		}
		return err
	}
	if !ok {
		return errLockTimeout
	}
	defer func() { _ = l.Unlock() }()
	return fn()
}

// read returns file's content; a missing file is empty.
func (d *Dir) read(file string) ([]byte, error) {
	b, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

// write replaces file atomically where the OS allows it (a rename; Windows writes in place,
// which the lock still serialises).
func (d *Dir) write(file string, b []byte) error {
	return maybe.WriteFile(file, b, fileMode)
}

// sweep removes the data files of sub last written more than maxAge ago, so that expired
// answers and idle windows do not pile up. Each is removed under its lock, and only when that
// lock is free. Lock files are removed with their data only when removeLocks is set: a waiter
// still holding the old lock could then race a newcomer on a new one, which for answers costs
// at most a duplicate call, but for a rate window could admit one call too many.
func (d *Dir) sweep(sub string, maxAge time.Duration, removeLocks bool) {
	now := time.Now() // modification times are wall-clock, whatever clock the caller keeps
	entries, err := os.ReadDir(filepath.Join(d.path, sub))
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".lock") {
			continue
		}
		if info, err := e.Info(); err != nil || now.Sub(info.ModTime()) < maxAge {
			continue
		}
		p := filepath.Join(d.path, sub, e.Name())
		l := flock.New(p+".lock", flock.SetPermissions(fileMode))
		if ok, err := l.TryLock(); err != nil || !ok {
			continue
		}
		if info, err := os.Stat(p); err == nil && now.Sub(info.ModTime()) >= maxAge {
			_ = os.Remove(p)
			if removeLocks {
				_ = os.Remove(p + ".lock")
			}
		}
		_ = l.Unlock()
	}
}
