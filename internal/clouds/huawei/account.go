package huawei

// account is whom Huawei counts a call against (its limits are per user): the access key in
// use, or, when an agency is assumed, the agency (its temporary keys differ between provider
// processes, its budget does not). Only a hash of it ever reaches the shared directory.
func (h *clients) account() string {
	if ar := h.cfg.AssumeRole; ar.AgencyName != "" {
		return "agency:" + ar.DomainID + "/" + ar.DomainName + "/" + ar.AgencyName
	}
	h.credMu.Lock()
	defer h.credMu.Unlock()
	if h.base != nil && h.base.cred != nil {
		return "ak:" + h.base.cred.AK
	}
	return ""
}
