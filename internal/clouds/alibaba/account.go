package alibaba

// account is whom Alibaba counts a call against (its limits are per account): the access key
// in use, or, when a role is assumed, the role (its temporary keys differ between provider
// processes, its budget does not). Only a hash of it ever reaches the shared directory.
func (a *clients) account() string {
	switch {
	case a.cfg.AssumeRole != nil && a.cfg.AssumeRole.RoleARN != "":
		return "role:" + a.cfg.AssumeRole.RoleARN
	case a.cfg.OIDC != nil && a.cfg.OIDC.RoleARN != "":
		return "role:" + a.cfg.OIDC.RoleARN
	}
	a.buildMu.Lock()
	cred := a.cred
	a.buildMu.Unlock()
	if cred != nil {
		if m, err := cred.GetCredential(); err == nil && m != nil && m.AccessKeyId != nil {
			return "ak:" + *m.AccessKeyId
		}
	}
	return ""
}
