package emulator

// HuaweiIdentity is what the emulated cloud's credential sources know: the agencies that may be
// assumed, the OIDC identity providers and their tokens, the instance's metadata credentials.
type HuaweiIdentity struct {
	// Agencies may be assumed (IAM CreateTemporaryAccessKeyByAgency) by any caller whose
	// request is signed with a known key pair, permanent or issued.
	Agencies []HuaweiAgency
	// IdentityProviders are the OIDC identity providers IAM federates with
	// (CreateTokenWithIdToken, then CreateTemporaryAccessKeyByToken).
	IdentityProviders []HuaweiIdentityProvider
	// Metadata, when set, is what the ECS metadata service (169.254.169.254) answers: temporary
	// credentials of the instance's agency, issued afresh on each request. Nil = the instance has
	// no agency ("Please configure Cloud Service Agency first", 404).
	Metadata *HuaweiMetadata
}

// HuaweiAgency is an agency (a role) that domain DomainName / DomainID delegated to others.
type HuaweiAgency struct {
	DomainName string
	DomainID   string
	AgencyName string
}

// HuaweiIdentityProvider is an OIDC identity provider registered in IAM; Tokens are the ID
// tokens it accepts (the emulator does not verify JWTs, it compares).
type HuaweiIdentityProvider struct {
	ID     string
	Tokens []string
}

// HuaweiMetadata configures the instance-metadata service.
type HuaweiMetadata struct {
	// RequireToken makes the security-key path refuse requests without the session token from
	// PUT /meta-data/latest/api/token (401), as metadata v2 does.
	RequireToken bool
}
