package tencent

// Identity is what the emulated cloud's credential sources know: the roles that may be
// assumed, the OIDC identity providers and their tokens, the instance's metadata role.
type Identity struct {
	// Roles are the role ARNs (qcs::cam::uin/<uin>:roleName/<name>) that STS AssumeRole and
	// AssumeRoleWithWebIdentity may assume; any other is InvalidParameter.RoleNotExist.
	Roles []string
	// OIDCProviders maps a CAM OIDC identity provider's ProviderId to the web identity tokens
	// it accepts in AssumeRoleWithWebIdentity.
	OIDCProviders map[string][]string
	// MetadataRole is the CAM role bound to the emulated CVM instance, answered by the
	// instance metadata at metadata.tencentyun.com; "" answers 404, as an instance without a
	// role does.
	MetadataRole string
}

// MetadataHost is the CVM instance metadata host the SDK's CVM role provider calls.
const MetadataHost = "metadata.tencentyun.com"

// Actions as requests to the Tencent credential sources are recorded (and faults injected):
// the STS actions carry their API names; a metadata request is recorded as
// ActionMetadata.
const (
	ActionAssumeRole                = "AssumeRole"
	ActionAssumeRoleWithWebIdentity = "AssumeRoleWithWebIdentity"
	ActionMetadata                  = "CvmRoleCredentials"
)
