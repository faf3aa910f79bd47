package attrs

import (
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// EndpointAttribute is one key of a cloud block's endpoints attribute: an optional URL that
// v checks. Every cloud builds its endpoints (one per registered service, plus its credential
// service) from it.
func EndpointAttribute(description string, v validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Validators:          []validator.String{v},
	}
}
