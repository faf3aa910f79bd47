// Package emutest holds what the emulator's tests share.
package emutest

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// DoJSON sends hr and decodes its JSON body into out, failing t when either fails: every
// cloud's tests read the emulator's answers this way. It returns the response, whose body is
// read and closed, and the raw body.
func DoJSON(t testing.TB, hr *http.Request, out any) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close() // fully read: closing loses nothing
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("body %q: %v", raw, err)
	}
	return resp, raw
}
