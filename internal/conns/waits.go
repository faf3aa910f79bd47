package conns

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// WaitNotice is how long a read may wait for a rate limit (or a throttled answer's window)
// before it says so: a wait under it is the budget doing its job unnoticed; over it, the
// user sees "Still reading..." and deserves the reason.
const WaitNotice = 3 * time.Second

// Wait is what one action of a read waited for its rate limit in all.
type Wait struct {
	Op        Operation
	Limit     Limit
	Waited    time.Duration
	Throttled int // answers the cloud refused for their rate, each of which filled the window
}

// waits gathers a read's waits by action, so that the read can end with one warning per
// action it waited on, whichever call (the data source's own, IAM's project lookup) waited.
type waits struct {
	mu   sync.Mutex
	list []Wait
}

type waitsKey struct{}

// withWaits is ctx carrying a fresh collection of waits.
func withWaits(ctx context.Context) (context.Context, *waits) {
	w := &waits{}
	return context.WithValue(ctx, waitsKey{}, w), w
}

// add records a wait in ctx's collection, if it has one.
func addWait(ctx context.Context, w Wait) {
	if w.Waited <= 0 && w.Throttled == 0 {
		return
	}
	col, ok := ctx.Value(waitsKey{}).(*waits)
	if !ok {
		return
	}
	col.mu.Lock()
	defer col.mu.Unlock()
	for i, have := range col.list {
		if have.Op.Cloud == w.Op.Cloud && have.Op.Service == w.Op.Service && have.Op.Action == w.Op.Action {
			col.list[i].Waited += w.Waited
			col.list[i].Throttled += w.Throttled
			return
		}
	}
	col.list = append(col.list, w)
}

// all is the collection so far.
func (w *waits) all() []Wait {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.list)
}

// warnings are the diagnostics of the waits of WaitNotice or more.
func (w *waits) warnings() diag.Diagnostics {
	var diags diag.Diagnostics
	for _, wt := range w.all() {
		if wt.Waited >= WaitNotice {
			diags.AddWarning(wt.summary(), wt.detail("waited"))
		}
	}
	return diags
}

func (w Wait) summary() string {
	return fmt.Sprintf("%s %s %s waited %s for its rate limit", w.Op.Cloud, w.Op.Service, w.Op.Action,
		w.Waited.Round(time.Second))
}

// detail says what the budget is, where its figure comes from, why other processes count,
// and what to set instead of waiting.
func (w Wait) detail(verb string) string {
	throttled := ""
	if w.Throttled > 0 {
		throttled = fmt.Sprintf(" The cloud refused %d attempt(s) for their rate (throttled); each refusal marks "+
			"the window full, and the next attempt waits for it.", w.Throttled)
	}
	return fmt.Sprintf("The read %s %s before calling %s: its rate limit is %s per account and "+
		"endpoint (%s), and that budget is shared by every cloudquota provider process of this OS user on this "+
		"machine (other terraform runs, parallel CI jobs, a plan and then an apply).%s\n\n"+
		"To wait less: set cache_ttl (such as \"10m\") so that identical reads of other terraform processes share "+
		"one answer; if the account's limit was raised, set rate_limits = { %s = \"N/DURATION\" } in the provider "+
		"block; in tests against the cloudquota emulator, lift every action's budget at once with "+
		"CLOUDQUOTA_RATE_LIMITS=\"*=1000/1s\" (or rate_limits = { \"*\" = \"1000/1s\" }).",
		verb, w.Waited.Round(time.Second), w.Op.Action, w.Limit.per(), w.Limit.Source, throttled, w.Op.Action)
}

// warnWait logs, when a wait of WaitNotice or more starts, the same facts the read's warning
// will give, so that a user watching "Still reading..." with TF_LOG=warn sees why at once.
func warnWait(ctx context.Context, op Operation, limit Limit, wait time.Duration, why string) {
	if wait < WaitNotice {
		return
	}
	w := Wait{Op: op, Limit: limit, Waited: wait}
	tflog.Warn(ctx, fmt.Sprintf("waiting %s for %s's rate limit (%s): %s", wait.Round(time.Second), op.Action,
		why, w.detail("will wait")), map[string]any{
		"rate_limit": limit.String(), "rate_limit_source": limit.Source, "wait_ms": wait.Milliseconds(),
	})
}
