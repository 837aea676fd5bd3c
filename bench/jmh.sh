#!/usr/bin/env bash
# JMH: CPU time per message for render, MIME build + write (unsigned, RSA-2048, Ed25519), and
# render + build + write, sample issue.
# Usage: bench/jmh.sh [JMH options, e.g. -f 1 -wi 2 -i 3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -B -q -Pjmh -DskipTests test-compile
cp="$root/target/jmh-classes:$root/target/classes:$(./mvnw -B -q -Pjmh dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
exec java -cp "$cp" org.openjdk.jmh.Main RenderAndBuildBenchmark "$@"
