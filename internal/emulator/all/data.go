package all

import (
	_ "embed"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/tencent"
)

// DataSchema is the JSON Schema of the data file: every field, with what it
// means. LoadData validates against it.
//
//go:embed data.schema.json
var DataSchema []byte

var dataSchema = sync.OnceValues(func() (*emulator.Schema, error) { return emulator.CompileSchema(DataSchema) })

// Data is what the emulator answers; a JSON file of this shape (the data
// file) replaces the defaults. Each cloud owns one top-level section, named
// after the cloud's Request.Cloud value.
type Data struct {
	HuaweiCloud  huawei.Data  `json:"huaweicloud"`
	TencentCloud tencent.Data `json:"tencentcloud"`
	AlibabaCloud alibaba.Data `json:"alicloud"`
}

// DefaultData returns the vendor documentation's example responses, so an
// emulator without a data file answers what the docs promise.
func DefaultData() *Data {
	return &Data{
		HuaweiCloud:  huawei.DefaultData(),
		TencentCloud: tencent.DefaultData(),
		AlibabaCloud: alibaba.DefaultData(),
	}
}

// LoadData reads a data file. The file's sections replace the default ones;
// sections it omits (or sets to null) keep the defaults. The file must match
// DataSchema: unknown fields, values of the wrong type or outside the
// documented enumerations, malformed times are an error, so that typos are
// caught instead of silently ignored.
func LoadData(path string) (*Data, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("emulator data: %w", err)
	}
	d, err := ParseData(raw)
	if err != nil {
		return nil, fmt.Errorf("emulator data %s: %w", path, err)
	}
	return d, nil
}

// ParseData is LoadData of a data file's content: the same checks, the same
// defaults for the sections it omits.
func ParseData(raw []byte) (*Data, error) {
	schema, err := dataSchema()
	if err != nil {
		return nil, err // the embedded schema: a programming error, caught by the tests
	}
	if err := schema.Validate(raw); err != nil {
		return nil, err
	}
	var file Data
	if err := emulator.DecodeStrict(raw, &file); err != nil {
		return nil, err
	}
	// Relative times are resolved when a server is built; a malformed one is
	// an error now.
	check := emulator.Clone(&file)
	for _, err := range []error{check.HuaweiCloud.ResolveTimes(time.Now()), check.TencentCloud.ResolveTimes(time.Now()), check.AlibabaCloud.ResolveTimes(time.Now())} {
		if err != nil {
			return nil, err
		}
	}
	d := DefaultData()
	d.HuaweiCloud.Merge(&file.HuaweiCloud)
	d.TencentCloud.Merge(&file.TencentCloud)
	d.AlibabaCloud.Merge(&file.AlibabaCloud)
	return d, nil
}

// SetData replaces every cloud's data while the emulator runs, as if it had
// been started with d; relative times count from now.
func (s *Server) SetData(d *Data) {
	s.Exclusive(func() {
		s.Huawei.SetData(d.HuaweiCloud)
		s.Tencent.SetData(d.TencentCloud)
		s.Alibaba.SetData(d.AlibabaCloud)
	})
}
