package tencent

// account is whom Tencent counts a call against: the SecretId in use, or, when a role is
// assumed, the role (its temporary keys differ between provider processes, its budget does
// not). Only a hash of it ever reaches the shared directory.
func (t *clients) account() string {
	switch {
	case t.cfg.AssumeRole != nil && t.cfg.AssumeRole.RoleArn != "":
		return "role:" + t.cfg.AssumeRole.RoleArn
	case t.cfg.OIDC != nil && t.cfg.OIDC.RoleArn != "":
		return "role:" + t.cfg.OIDC.RoleArn
	}
	t.credMu.Lock()
	defer t.credMu.Unlock()
	if t.cred != nil {
		return "ak:" + t.cred.GetSecretId()
	}
	return ""
}
