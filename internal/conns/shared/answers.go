package shared

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"
)

// Answers keeps successful API answers for cache_ttl, shared by every process using the
// directory: identical reads within the TTL make one API call between them. A reader that
// misses holds the answer's lock while it calls the API, so processes asking the same at the
// same moment wait for that one call instead of making their own. Failures are never kept.
type Answers struct {
	dir   *Dir
	warn  Warn
	clock Clock
	swept sync.Once
}

// NewAnswers returns the cache over dir; with a nil dir every read calls the API.
func NewAnswers(dir *Dir, clock Clock, warn Warn) *Answers {
	if clock == nil {
		clock = RealClock
	}
	if warn == nil {
		warn = func(context.Context, string, error) {}
	}
	return &Answers{dir: dir, warn: warn, clock: clock}
}

type answerFile struct {
	V       int             `json:"v"`
	Stored  int64           `json:"stored"`
	Expires int64           `json:"expires"`
	Body    json.RawMessage `json:"body"`
}

// Do returns the answer kept under key (a Key of everything that identifies the read) when
// it is younger than ttl, and otherwise the answer of fetch, which it keeps when fetch
// succeeds. hit reports whether the answer came from the cache. Cache trouble (a directory
// gone read-only, a corrupt file) is warned about and costs only the saving; the wait for
// another process's lock ends with ctx.
func (a *Answers) Do(ctx context.Context, key string, ttl time.Duration, fetch func(context.Context) ([]byte, error)) (body []byte, hit bool, err error) {
	if a == nil || a.dir == nil || ttl <= 0 {
		body, err = fetch(ctx)
		return body, false, err
	}
	a.swept.Do(func() { a.dir.sweep("answers", max(ttl, time.Minute), true) })
	file := filepath.Join(a.dir.path, "answers", key+".json")
	var fetchErr error
	lockErr := a.dir.withLock(ctx, file, func() error {
		if b, ok := a.load(ctx, file, ttl); ok {
			body, hit = b, true
			return nil
		}
		body, fetchErr = fetch(ctx)
		if fetchErr != nil {
			return nil //nolint:nilerr // the fetch's error is fetchErr, returned below, not a lock failure
		}
		now := a.clock.Now()
		out, err := json.Marshal(answerFile{V: 1, Stored: now.UnixNano(), Expires: now.Add(ttl).UnixNano(), Body: body})
		if err == nil {
			err = a.dir.write(file, out)
		}
		if err != nil {
			a.warn(ctx, "an answer could not be kept in the shared cache directory", err)
		}
		return nil
	})
	switch {
	case lockErr == nil:
		return body, hit, fetchErr
	case errors.Is(lockErr, errLockTimeout) && ctx.Err() != nil:
		return nil, false, ctx.Err()
	}
	a.warn(ctx, "the shared cache directory cannot be used for answers; calling the API", lockErr)
	body, err = fetch(ctx)
	return body, false, err
}

// load returns the kept answer in file if it is younger than ttl, this reader's TTL (the
// writer's may have been longer).
func (a *Answers) load(ctx context.Context, file string, ttl time.Duration) ([]byte, bool) {
	b, err := a.dir.read(file)
	if err != nil || len(b) == 0 {
		if err != nil {
			a.warn(ctx, "an answer of the shared cache directory cannot be read; calling the API", err)
		}
		return nil, false
	}
	var f answerFile
	if err := json.Unmarshal(b, &f); err != nil || f.V != 1 || len(f.Body) == 0 {
		if err == nil {
			err = fmt.Errorf("unknown format version %d or no body", f.V)
		}
		a.warn(ctx, "an answer of the shared cache directory is corrupt; calling the API", fmt.Errorf("%s: %w", file, err))
		return nil, false
	}
	now := a.clock.Now().UnixNano()
	// An entry stored "in the future" comes from a clock that was set back: not trusted.
	if f.Expires <= now || now-f.Stored >= int64(ttl) || f.Stored > now+int64(time.Second) {
		return nil, false
	}
	return f.Body, true
}
