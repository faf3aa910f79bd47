package sas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// flexInt is an integer the API may send as a JSON number or as a string: GetAuthSummary
// documents PostPaidHostAutoBindVersion and PostPaidHighestVersion as strings ("7") and
// the other codes as numbers. An empty string reads as 0.
type flexInt int64

func (f *flexInt) UnmarshalJSON(raw []byte) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		raw = []byte(strings.TrimSpace(s))
		if len(raw) == 0 {
			*f = 0
			return nil
		}
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		// An integral float (1.0, 1e3) is still a count.
		fl, ferr := strconv.ParseFloat(string(raw), 64)
		if ferr != nil || fl != float64(int64(fl)) {
			return fmt.Errorf("not an integer: %s", raw)
		}
		n = int64(fl)
	}
	*f = flexInt(n)
	return nil
}

// flexBool is a 0/1 flag the API may send as a number, a string ("1", as
// PostPaidHostAutoBind arrives) or a JSON boolean (HasPreBindSetting).
type flexBool bool

func (f *flexBool) UnmarshalJSON(raw []byte) error {
	raw = bytes.TrimSpace(raw)
	switch string(raw) {
	case "true":
		*f = true
		return nil
	case "false":
		*f = false
		return nil
	}
	var n flexInt
	if err := n.UnmarshalJSON(raw); err != nil {
		return fmt.Errorf("not a 0/1 flag: %s", raw)
	}
	*f = n != 0
	return nil
}

func intOf(p *flexInt) int64 {
	if p == nil {
		return 0
	}
	return int64(*p)
}

func boolOf(p *flexBool) bool {
	return p != nil && bool(*p)
}
