package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

func TestClientConfigGlobalSettings(t *testing.T) {
	cfg, diags := globalModel{}.settings(func(string) string { return "" })
	if diags.HasError() {
		t.Fatal(diags)
	}
	if cfg.MaxRetries != conns.DefaultMaxRetries || cfg.RequestTimeout != conns.DefaultRequestTimeout || cfg.Insecure {
		t.Errorf("defaults: got %+v", cfg)
	}

	cfg, diags = globalModel{
		MaxRetries:     types.Int64Value(0),
		RequestTimeout: attrs.Duration{GoDuration: timetypes.NewGoDurationValue(1500 * time.Millisecond)},
		Insecure:       types.BoolValue(true),
	}.settings(func(string) string { return "" })
	if diags.HasError() {
		t.Fatal(diags)
	}
	if cfg.MaxRetries != 0 || cfg.RequestTimeout != 1500*time.Millisecond || !cfg.Insecure {
		t.Errorf("explicit: got %+v", cfg)
	}
}
