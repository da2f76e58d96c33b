#!/usr/bin/env bash
# Runs the BenchmarkDotNet scenarios and keeps their GitHub-markdown reports under benchmarks/results/.
#
#   benchmarks/run.sh [quick|full] [filter]
#   benchmarks/run.sh prisma       only the side-by-side with Prisma 7 and node-pg (no BenchmarkDotNet run)
#   benchmarks/run.sh fairness     only the SQL and EXPLAIN ANALYZE plans of the competitors' slow variants
#
#   quick   a custom quick job (Program.QuickJob): in process, 1 warm-up and 5 iterations of ~100 ms. BenchmarkDotNet's
#           short job (3 warm-ups, 3 iterations of 500 ms, a process and a freshly seeded database per benchmark) takes
#           well over 5 minutes for the ~100 benchmarks on 2 cores; this one took 5-6.5 (build included) on the shared 2-core box. Rough numbers: read ratios.
#   full    out of process, one launch, 5 warm-ups and 15 measured iterations of ~500 ms per benchmark (BenchmarkDotNet's
#           default job otherwise). The unbounded default job (up to 100 iterations) measured about a minute per
#           benchmark here, over an hour for the ORM comparison alone; 15 iterations keep a full run of the
#           comparison near 25 minutes on 2 cores. BENCH_FULL_ARGS overrides the bounds (e.g. BENCH_FULL_ARGS=" " for
#           the unbounded default job).
#   filter  a BenchmarkDotNet --filter glob over Namespace.Class.Method; a plain word without * or ?
#           matches anywhere (Comparison -> *Comparison*, the ORM comparison). Default: everything.
#
# Reports land in benchmarks/results/<yyyy-MM-dd>-<mode>-<ClassName>.md with the machine and the library versions on
# top, plus one combined table per run, benchmarks/results/<yyyy-MM-dd>-<mode>-summary.md (scenario, implementation,
# mean, allocated, ratio to the scenario's baseline: hand-written Npgsql in the ORM comparison). A second run of the
# same day and mode adds the time (<yyyy-MM-dd-HHmm>) instead of overwriting the first run's files.
# One PostgreSQL server serves the run: DATABASE_URL, else one the benchmark program starts (see Program.cs).
#
# Prisma 7 side by side: when `node` is on the PATH and the run covers the ORM comparison (no filter, or one naming
# Comparison), the same benchmark process then seeds/reuses its database and times Linq and hand-written Npgsql beside
# Prisma 7 and hand-written node-pg (benchmarks/prisma/bench.ts, started by the C# program with the database's PG*
# variables), plus 16 callers for 10 s on find-by-key and 100 users + posts (SideBySide/SideBySideRun.cs). The
# packages are installed from package-lock.json (npm ci) and the client generated first; `prisma generate` needs no
# engine download when PRISMA_SCHEMA_ENGINE_BINARY names any executable (set here to `true`). The report lands in
# benchmarks/results/<stamp>-prisma-<mode>.md (<stamp>-prisma-side-by-side.md for `run.sh prisma`) and is appended to the run's summary. BENCH_PRISMA=0 skips it;
# BENCH_SIDE_BY_SIDE_ARGS overrides its bounds (see SideBySideOptions.cs).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-quick}"
filter="${2:-*}"

case "$mode" in
  quick) job_args=(--quick) ;;
  full) read -r -a job_args <<< "${BENCH_FULL_ARGS:---launchCount 1 --warmupCount 5 --iterationCount 15}" ;;
  prisma|fairness) job_args=() ;;
  *) echo "usage: $0 [quick|full|prisma|fairness] [filter]" >&2; exit 2 ;;
esac

if [[ "$filter" != *[*?]* ]]; then
  filter="*${filter}*"
fi

artifacts="$root/BenchmarkDotNet.Artifacts"
results="$root/benchmarks/results"
summary="$artifacts/summary.md"
mkdir -p "$results" "$artifacts"
# Only this run's reports are copied: drop the ones an earlier run left.
rm -f "$artifacts"/results/*-report-github.md "$summary" "$artifacts/fairness.md"

# The commit measured, taken before the run (the reports it writes would count as changes).
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"

cd "$root"
dotnet build -c Release benchmarks/Linq.Benchmarks >/dev/null

# The side-by-side with Prisma: its packages and generated client first (see the top of this file).
side_by_side="$artifacts/side-by-side.md"
rm -f "$side_by_side"
side_by_side_args=()
if [[ "$mode" == prisma || ( "$mode" != fairness && "${BENCH_PRISMA:-1}" != 0 && ( "$filter" == "*" || "$filter" == *Comparison* ) ) ]]; then
  if command -v node >/dev/null && command -v npm >/dev/null; then
    (
      cd benchmarks/prisma
      [[ -d node_modules ]] || npm ci --ignore-scripts --no-audit --no-fund
      PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(type -P true)}" npx --no-install prisma generate >/dev/null
    )
    read -r -a extra <<< "${BENCH_SIDE_BY_SIDE_ARGS:-}"
    side_by_side_args=(--side-by-side "$side_by_side" "${extra[@]}")
  else
    echo "// node/npm not found: no Prisma side-by-side" >&2
    [[ "$mode" == prisma ]] && exit 1
  fi
fi

case "$mode" in
  prisma) dotnet run -c Release --no-build --project benchmarks/Linq.Benchmarks -- "${side_by_side_args[@]}" ;;
  fairness) dotnet run -c Release --no-build --project benchmarks/Linq.Benchmarks -- --fairness "$artifacts/fairness.md" ;;
  *) dotnet run -c Release --no-build --project benchmarks/Linq.Benchmarks -- \
       --filter "$filter" "${job_args[@]}" --exporters github --artifacts "$artifacts" --summary-out "$summary" "${side_by_side_args[@]}" ;;
esac

shopt -s nullglob
reports=("$artifacts"/results/*-report-github.md)
if (( ${#reports[@]} == 0 )) && [[ "$mode" != prisma && "$mode" != fairness ]]; then
  echo "No report was produced (did the filter '$filter' match a benchmark?)." >&2
  exit 1
fi

# The versions compared: central versions, and what NuGet resolved for the transitive ones (EF Core itself).
central_version() {
  sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$root/Directory.Packages.props"
}
resolved_version() {
  grep -o "\"$1/[0-9][^\"]*\"" "$root/benchmarks/Linq.Benchmarks/obj/project.assets.json" 2>/dev/null | head -1 | sed 's/.*\/\(.*\)"/\1/'
}
versions="Npgsql $(central_version Npgsql), Dapper $(central_version Dapper), EF Core $(resolved_version Microsoft.EntityFrameworkCore) with Npgsql.EntityFrameworkCore.PostgreSQL $(central_version Npgsql.EntityFrameworkCore.PostgreSQL), linq2db $(central_version linq2db), BenchmarkDotNet $(central_version BenchmarkDotNet)"

# One stamp for every file of this run: the day, plus the time when an earlier run of the same day and mode left files.
stamp="$(date +%Y-%m-%d)"
case "$mode" in
  prisma) existing=("$results/$stamp-prisma-side-by-side"*.md) ;;
  fairness) existing=("$results/$stamp-fairness"*.md) ;;
  *) existing=("$results/$stamp-$mode-"*.md) ;;
esac
if (( ${#existing[@]} > 0 )); then
  stamp="$stamp-$(date +%H%M)"
fi
header() {
  echo "# $1 ($mode)"
  echo
  echo '```'
  echo "date:     $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "machine:  $(uname -srm)"
  echo "cores:    $(nproc)"
  echo "dotnet:   $(dotnet --version)"
  echo "libraries: $versions"
  echo "commit:   $commit"
  echo "command:  benchmarks/run.sh $mode '$filter'"
  echo '```'
  echo
}

for report in "${reports[@]}"; do
  full_name="$(basename "$report" -report-github.md)"
  name="${full_name##*.}"
  target="$results/$stamp-$mode-$name.md"
  { header "$name"; cat "$report"; } > "$target"
  echo "wrote ${target#"$root"/}"
done

if [[ -f "$summary" ]]; then
  target="$results/$stamp-$mode-summary.md"
  {
    header "Summary"
    cat "$summary"
    if [[ -f "$side_by_side" ]]; then
      echo
      cat "$side_by_side"
    fi
  } > "$target"
  echo "wrote ${target#"$root"/}"
fi

if [[ -f "$side_by_side" ]]; then
  target="$results/$stamp-prisma-$([[ "$mode" == prisma ]] && echo side-by-side || echo "$mode").md"
  { header "Prisma 7 side by side"; cat "$side_by_side"; } > "$target"
  echo "wrote ${target#"$root"/}"
fi

if [[ -f "$artifacts/fairness.md" ]]; then
  target="$results/$stamp-fairness.md"
  { header "Fairness: SQL and plans of the slow variants"; cat "$artifacts/fairness.md"; } > "$target"
  echo "wrote ${target#"$root"/}"
fi
