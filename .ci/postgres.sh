#!/usr/bin/env bash
# CI: runs COMMAND (default ./mvnw -B verify) with a throwaway PostgreSQL for the clustered
# scheduler test; installs Debian's postgresql package first if needed (as root), and fails
# rather than skip when PostgreSQL cannot be started. See scripts/test-postgres.sh.
#
#   .ci/postgres.sh ./mvnw -B verify
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$here/scripts/test-postgres.sh" --install --require "$@"
