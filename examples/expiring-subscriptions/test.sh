#!/usr/bin/env bash
# `terraform test` of the expiring-subscriptions module against the cloudquota emulator, offline:
# builds the provider and the emulator (../capacity-guard/lib.sh), starts an emulator serving
# tests/subscriptions.json (times relative to each answer), and runs tests/*.tftest.hcl. Run
# through `make tftest`; exits with terraform test's status. Extra arguments go to terraform test.
set -euo pipefail

# shellcheck source=../capacity-guard/lib.sh
. "$(dirname "$0")/../capacity-guard/lib.sh"
begin expiring-subscriptions
work="$tmp/expiring-subscriptions"
rm -rf "$work"
mkdir -p "$work"

start_emulator emulator -data "$root/examples/expiring-subscriptions/tests/subscriptions.json"
use_emulator_credentials
echo "== Emulator at $emulator_url (tests/subscriptions.json); its log in ${tmp#"$root"/}"

cp "$root/examples/expiring-subscriptions/main.tf" "$work/"
cp -R "$root/examples/expiring-subscriptions/tests" "$work/"

echo "== terraform init, offline: the provider comes from the local mirror"
init_module "$work"

echo "== terraform test"
"$terraform" -chdir="$work" test -no-color -var "emulator_url=$emulator_url" "$@"
