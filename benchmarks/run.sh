#!/usr/bin/env bash
# Runs the BenchmarkDotNet scenarios and keeps their GitHub-markdown reports under benchmarks/results/.
#
#   benchmarks/run.sh [quick|full] [filter]
#
#   quick   BenchmarkDotNet's short job (3 warm-ups, 3 iterations): minutes, rough numbers
#   full    the default job: statistically sound numbers, much longer
#   filter  a BenchmarkDotNet --filter glob over Namespace.Class.Method; a plain word without * or ?
#           matches anywhere (QueryTranslation -> *QueryTranslation*). Default: everything.
#
# Reports land in benchmarks/results/<yyyy-MM-dd>-<mode>-<ClassName>.md with the machine described on top.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-quick}"
filter="${2:-*}"

case "$mode" in
  quick) job_args=(--job short) ;;
  full) job_args=() ;;
  *) echo "usage: $0 [quick|full] [filter]" >&2; exit 2 ;;
esac

if [[ "$filter" != *[*?]* ]]; then
  filter="*${filter}*"
fi

artifacts="$root/BenchmarkDotNet.Artifacts"
results="$root/benchmarks/results"
mkdir -p "$results"
# Only this run's reports are copied: drop the ones an earlier run left.
rm -f "$artifacts"/results/*-report-github.md

cd "$root"
dotnet run -c Release --project benchmarks/Linq.Benchmarks -- \
  --filter "$filter" "${job_args[@]}" --exporters github --artifacts "$artifacts"

shopt -s nullglob
reports=("$artifacts"/results/*-report-github.md)
if (( ${#reports[@]} == 0 )); then
  echo "No report was produced (did the filter '$filter' match a benchmark?)." >&2
  exit 1
fi

day="$(date +%Y-%m-%d)"
for report in "${reports[@]}"; do
  full_name="$(basename "$report" -report-github.md)"
  name="${full_name##*.}"
  target="$results/$day-$mode-$name.md"
  {
    echo "# $name ($mode)"
    echo
    echo '```'
    echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "machine: $(uname -srm)"
    echo "cores:   $(nproc)"
    echo "dotnet:  $(dotnet --version)"
    echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "command: benchmarks/run.sh $mode '$filter'"
    echo '```'
    echo
    cat "$report"
  } > "$target"
  echo "wrote ${target#"$root"/}"
done
