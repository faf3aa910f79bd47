package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Data is what the emulator answers; a JSON file of this shape replaces the
// defaults. Each cloud owns one top-level section.
type Data struct {
	HuaweiCloud  HuaweiData  `json:"huaweicloud"`
	TencentCloud TencentData `json:"tencentcloud"`
	AlibabaCloud AlibabaData `json:"alicloud"`
}

// DefaultData returns the vendor documentation's example responses, so an
// emulator without a data file answers what the docs promise.
func DefaultData() *Data {
	return &Data{
		HuaweiCloud:  defaultHuaweiData(),
		TencentCloud: defaultTencentData(),
		AlibabaCloud: defaultAlibabaData(),
	}
}

// LoadData reads a data file. The file's sections replace the default ones;
// sections it omits (or sets to null) keep the defaults. Unknown JSON fields
// are an error so that typos are caught instead of silently ignored.
func LoadData(path string) (*Data, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("emulator data: %w", err)
	}
	var file Data
	if err := decodeStrict(raw, &file); err != nil {
		return nil, fmt.Errorf("emulator data %s: %w", path, err)
	}
	d := DefaultData()
	d.HuaweiCloud.merge(&file.HuaweiCloud)
	d.TencentCloud.merge(&file.TencentCloud)
	d.AlibabaCloud.merge(&file.AlibabaCloud)
	return d, nil
}

// decodeStrict decodes exactly one JSON value, refusing unknown fields and
// trailing content.
func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("unexpected content after the JSON document")
	}
	return nil
}

// clone deep-copies d through JSON, which is cheap at this size and keeps the
// server's copy independent of the caller's.
func (d *Data) clone() *Data {
	raw, err := json.Marshal(d)
	if err != nil {
		panic(fmt.Sprintf("emulator: marshal data: %v", err)) // only plain structs: cannot happen
	}
	var out Data
	if err := json.Unmarshal(raw, &out); err != nil {
		panic(fmt.Sprintf("emulator: unmarshal data: %v", err))
	}
	return &out
}

// mustDecode decodes a built-in JSON literal; a failure is a programming error.
func mustDecode(raw string, v any) {
	if err := decodeStrict([]byte(raw), v); err != nil {
		panic(fmt.Sprintf("emulator: built-in data: %v", err))
	}
}
