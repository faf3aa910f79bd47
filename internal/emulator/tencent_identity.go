package emulator

// TencentIdentity is what the emulated cloud's credential sources know: the roles that may be
// assumed, the OIDC identity providers and their tokens, the instance's metadata role.
type TencentIdentity struct{}
