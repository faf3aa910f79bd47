#!/usr/bin/env bash
# `terraform test` of the capacity-guard module against the cloudquota emulator, offline: builds
# the provider and the emulator, starts two emulators on free loopback ports (one serving the
# example data, one with a throttle and a 403 queued), offers terraform the local provider build
# from a filesystem mirror, and runs every tests/*.tftest.hcl (the mock_provider one too). Run
# through `make tftest`; exits with terraform test's status. Extra arguments go to terraform test
# (e.g. -verbose, -filter=tests/emulator.tftest.hcl). Then `terraform test` of examples/quota-guard,
# the portable module, against the first emulator.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
data="$root/internal/emulator/testdata/example-data.json"
begin tftest

# tests/emulator.tftest.hcl: the example data, as `make demo` serves it.
start_emulator emulator -data "$data"
url=$emulator_url
# tests/emulator_faults.tftest.hcl: two throttling answers to HSS ShowResourceQuotas (the
# provider there retries once) and a 403 to Security Center GetAuthSummary, then normal answers.
start_emulator emulator-faults -data "$data" \
  -fault ShowResourceQuotas:throttle:2 \
  -fault "GetAuthSummary:error:1:403/Forbidden.RAM/User not authorized to operate on the specified resource."
faulty_url=$emulator_url
use_emulator_credentials
echo "== Emulators at $url (example data) and $faulty_url (faults queued); logs in ${tmp#"$root"/}"

# A copy of the module and its tests, so that terraform's working files stay under .tmp.
cp "$root/examples/capacity-guard/main.tf" "$work/"
cp -R "$root/examples/capacity-guard/tests" "$work/"

echo "== terraform init, offline: the provider comes from the local mirror"
init_module "$work"

echo "== terraform test"
status=0
"$terraform" -chdir="$work" test -no-color \
  -var "emulator_url=$url" \
  -var "faulty_emulator_url=\"$faulty_url\"" "$@" || status=$?

echo "== What the emulator with faults answered"
grep -E 'action="(ShowResourceQuotas|GetAuthSummary)"' "$tmp/emulator-faults.log" |
  sed -E 's/^.*action="([A-Za-z]+)".* status=([0-9]+).*$/   \1: HTTP \2/' || true

echo "== terraform test of examples/quota-guard (the portable module) against $url"
guard="$tmp/quota-guard"
rm -rf "$guard"
cp -R "$root/examples/quota-guard" "$guard"
init_module "$guard"
"$terraform" -chdir="$guard" test -no-color -var "emulator_url=$url" || status=$?
exit "$status"
