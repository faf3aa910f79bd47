package conns

import (
	"context"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// Registry is one cloud's list of services. Each service adds itself from a package-level
// variable in its service.go, so the cloud derives its endpoints attribute from the
// services there are instead of a hand-kept list.
type Registry[S any] struct {
	mu    sync.Mutex
	items []S
}

// Add registers s, whose documented rate limits are limits (declared with DeclareLimits,
// as every cloud's Register does), and returns it.
func (r *Registry[S]) Add(s S, limits Limits) S {
	DeclareLimits(limits)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items = append(r.items, s)
	return s
}

// All returns the registered services in registration order.
func (r *Registry[S]) All() []S {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.items)
}

// Block reads a cloud's provider block into M; nil when the block is absent.
func Block[M any](ctx context.Context, config tfsdk.Config, name string, env *Env) *M {
	var m *M
	env.Diags.Append(config.GetAttribute(ctx, path.Root(name), &m)...)
	return m
}
