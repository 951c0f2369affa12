#!/usr/bin/env bash
# Runs one jest project several times in a row while a CPU-bound process runs beside it, and
# records each run's wall time and result in bench/results/test-stability.md. The suite's promise
# (green every time, the unit project under 30 s on 2 cores) is checked here, not in the tests.
#   bash scripts/test-stability.sh unit 5
set -euo pipefail
cd "$(dirname "$0")/.."
project=${1:-unit}
runs=${2:-5}
out=bench/results/test-stability.md
# The load: one process that keeps a core busy for as long as the runs take.
node -e 'for (;;) {}' &
hog=$!
trap 'kill "$hog" 2>/dev/null || true' EXIT
rows=()
failures=0
for i in $(seq 1 "$runs"); do
  log=$(mktemp)
  start=$(date +%s%N)
  if npm run --silent "test:$project" -- --silent >"$log" 2>&1; then result=green; else result=red; failures=$((failures + 1)); fi
  seconds=$(( ($(date +%s%N) - start) / 1000000 ))
  tests=$(grep -E '^Tests:' "$log" | sed 's/^Tests: *//')
  rows+=("| $i | $result | $(printf '%d.%01d' $((seconds / 1000)) $(((seconds % 1000) / 100))) | $tests |")
  echo "run $i: $result in ${seconds} ms ($tests)"
  # A red run's log is what tells which test failed and why: keep it.
  if [ "$result" = red ]; then mkdir -p .tmp && mv "$log" ".tmp/test-stability-$project-run$i.log" && echo "  log: .tmp/test-stability-$project-run$i.log"; else rm -f "$log"; fi
done
{
  echo "## \`$project\` project, $runs runs in a row beside a CPU-bound process"
  echo
  echo "Run on $(date -u +%Y-%m-%d) with Node $(node --version), $(nproc) cores, \`bash scripts/test-stability.sh $project $runs\`."
  echo
  echo "| run | result | wall s | tests |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
} >"$out.$project"
# One section per project: replace this project's, keep the others.
touch "$out"
python3 - "$out" "$project" <<'PY'
import sys, re
path, project = sys.argv[1], sys.argv[2]
text = open(path).read()
new = open(path + '.' + project).read()
head = '# Test-suite stability\n\n'
sections = [s for s in re.split(r'(?m)^(?=## )', text.replace(head, '')) if s.strip() and not s.startswith(f'## `{project}`')]
sections.append(new)
open(path, 'w').write(head + ''.join(sorted(sections)))
PY
rm -f "$out.$project"
[ "$failures" -eq 0 ]
