// Package seeds holds the vendor documentation's example responses (../shared/seeds),
// verbatim, for the tests that check the emulator serves them and the data sources map
// them. Only tests import it, so none of it reaches the provider binary.
package seeds

import _ "embed"

// TCSSImageAuthorizedInfo is seed 001's example output: TCSS DescribeImageAuthorizedInfo,
// vendor spellings (Capcity, Useage) included.
//
//go:embed 001-tcss-describe-image-authorized-info.json
var TCSSImageAuthorizedInfo string

// SASAuthSummary is seed 002's example output: Security Center GetAuthSummary, with its
// mix of numeric and string-encoded flags and codes.
//
//go:embed 002-sas-get-auth-summary.json
var SASAuthSummary string
