package shared

import (
	"context"
	"sync"
	"time"
)

// ManualClock is a Clock for tests of code that waits for rate limits: it stands still until
// something sleeps on it, and a sleep moves it forward at once.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock starts at a fixed time.
func NewManualClock() *ManualClock { return &ManualClock{now: time.Unix(1_800_000_000, 0)} }

// Now is the clock's time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Sleep moves the clock forward by d, unless ctx has ended.
func (c *ManualClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Advance(d)
	return nil
}

// Advance moves the clock forward by d.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}
