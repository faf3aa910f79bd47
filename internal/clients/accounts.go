package clients

// The account a call is counted against, as each cloud's rate limits count it: the access key
// in use, or, when a role is assumed, the role (its temporary keys differ between provider
// processes, its budget does not). Only a hash of it ever reaches the shared directory.

func (h *huaweiClients) account() string {
	if ar := h.cfg.Huawei.AssumeRole; ar.AgencyName != "" {
		return "agency:" + ar.DomainID + "/" + ar.DomainName + "/" + ar.AgencyName
	}
	h.credMu.Lock()
	defer h.credMu.Unlock()
	if h.base != nil && h.base.cred != nil {
		return "ak:" + h.base.cred.AK
	}
	return ""
}

func (t *tencentClients) account() string {
	cfg := t.cfg.Tencent
	switch {
	case cfg.AssumeRole != nil && cfg.AssumeRole.RoleArn != "":
		return "role:" + cfg.AssumeRole.RoleArn
	case cfg.OIDC != nil && cfg.OIDC.RoleArn != "":
		return "role:" + cfg.OIDC.RoleArn
	}
	t.credMu.Lock()
	defer t.credMu.Unlock()
	if t.cred != nil {
		return "ak:" + t.cred.GetSecretId()
	}
	return ""
}

func (a *alibabaClients) account() string {
	cfg := a.cfg.Alibaba
	switch {
	case cfg.AssumeRole != nil && cfg.AssumeRole.RoleARN != "":
		return "role:" + cfg.AssumeRole.RoleARN
	case cfg.OIDC != nil && cfg.OIDC.RoleARN != "":
		return "role:" + cfg.OIDC.RoleARN
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
