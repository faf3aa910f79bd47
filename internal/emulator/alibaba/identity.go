package alibaba

import "time"

// Identity is what the emulated cloud's credential sources know: the roles that may be
// assumed, the OIDC identity providers and their tokens, the instance's metadata role.
type Identity struct {
	// Roles may be assumed through Sts AssumeRole (signed with an accepted key, permanent or
	// issued) and, when OIDCProviderARN is set, through AssumeRoleWithOIDC.
	Roles []Role
	// OIDCProviders are the identity providers AssumeRoleWithOIDC trusts.
	OIDCProviders []OIDCProvider
	// MetadataRole is the RAM role attached to the emulated ECS instance: the metadata service
	// (100.100.100.200) lists it and issues temporary credentials for it. "" = no role attached.
	MetadataRole string
	// CredentialLifetime is how long issued credentials last when the request names no
	// duration (metadata); 0 = one hour.
	CredentialLifetime time.Duration
}

// Role is a RAM role that may be assumed.
type Role struct {
	ARN string // acs:ram::<account>:role/<name>
	// ExternalID, when set, must be sent by AssumeRole (the role's trust policy condition).
	ExternalID string
	// Trusted lists the AccessKey IDs allowed to assume the role with AssumeRole; nil = any
	// key the emulator accepts.
	Trusted []string
	// OIDCProviderARN is the identity provider whose tokens may assume the role with
	// AssumeRoleWithOIDC; "" = none.
	OIDCProviderARN string
}

// OIDCProvider is an OIDC identity provider registered in RAM, with the ID tokens it
// has issued (the emulator does not verify JWT signatures: a token is valid when listed).
type OIDCProvider struct {
	ARN    string // acs:ram::<account>:oidc-provider/<name>
	Tokens []string
}
