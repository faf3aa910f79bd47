package huawei

// Identity is what the emulated cloud's credential sources know: the agencies that may be
// assumed, the OIDC identity providers and their tokens, the instance's metadata credentials.
type Identity struct {
	// Agencies may be assumed (IAM CreateTemporaryAccessKeyByAgency) by any caller whose
	// request is signed with a known key pair, permanent or issued.
	Agencies []Agency
	// IdentityProviders are the OIDC identity providers IAM federates with
	// (CreateTokenWithIdToken, then CreateTemporaryAccessKeyByToken).
	IdentityProviders []IdentityProvider
	// Metadata, when set, is what the ECS metadata service (169.254.169.254) answers: temporary
	// credentials of the instance's agency, issued afresh on each request. Nil = the instance has
	// no agency ("Please configure Cloud Service Agency first", 404).
	Metadata *Metadata
}

// Agency is an agency (a role) that domain DomainName / DomainID delegated to others.
type Agency struct {
	DomainName string
	DomainID   string
	AgencyName string
}

// IdentityProvider is an OIDC identity provider registered in IAM; Tokens are the ID
// tokens it accepts (the emulator does not verify JWTs, it compares).
type IdentityProvider struct {
	ID     string
	Tokens []string
}

// Metadata configures the instance-metadata service.
type Metadata struct {
	// RequireToken makes the security-key path refuse requests without the session token from
	// PUT /meta-data/latest/api/token (401), as metadata v2 does.
	RequireToken bool
}
