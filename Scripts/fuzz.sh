#!/usr/bin/env bash
# Scripts/fuzz.sh TARGET SECONDS: fuzz one of CaseSim's readers with libFuzzer.
#
#   TARGET   parser | check | twee | json | records, or all (each in turn, SECONDS each)
#   SECONDS  how long libFuzzer runs (-max_total_time); 0 runs only the fail cases and seeds
#
# Builds the Fuzz/ sub-package once (release, AddressSanitizer + libFuzzer, into Fuzz/.build),
# prepares the seed corpus from the shipped scenarios, guides and fixtures (in .build-fuzz/),
# runs every committed regression input in Fuzz/FailCases/TARGET/ first, then fuzzes. libFuzzer's
# own output is printed as it comes. Reproducers of findings (crash-*, timeout-*, oom-*) are saved
# as Fuzz/Findings/TARGET-*. The exit status is libFuzzer's: 0 when nothing was found.
#
# Environment: FUZZ_MAX_LEN overrides the per-target input size limit; FUZZ_ARGS adds libFuzzer
# flags (e.g. FUZZ_ARGS="-fork=2"); ASAN_OPTIONS is passed through when set;
# CASESIM_FUZZ_SKIP names invariants to skip while a known finding waits for its fix (never in
# CI); CASESIM_FUZZ_WORK moves .build-fuzz. See Documentation/fuzzing.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

targets=(parser check twee json records)

usage() {
  echo "usage: Scripts/fuzz.sh TARGET SECONDS   (TARGET: ${targets[*]} or all)" >&2
  exit 64
}
[ $# -eq 2 ] || usage
target=$1
seconds=$2
[[ $seconds =~ ^[0-9]+$ ]] || usage
case " ${targets[*]} all " in
  *" $target "*) ;;
  *) usage ;;
esac
if [ "$target" = all ]; then selected=("${targets[@]}"); else selected=("$target"); fi

work="${CASESIM_FUZZ_WORK:-$root/.build-fuzz}"
bin="$root/Fuzz/.build/release"

# AddressSanitizer settings, per target, unless ASAN_OPTIONS is set. Swift code allocates for
# almost every string, and recording allocation stacks and quarantining freed memory is most of
# ASan's cost, so the pure-Swift targets turn both off (crash stacks are still printed in full;
# use-after-free needs unsafe pointers, which they do not use). `records` keeps the quarantine,
# since it reaches C (SQLite) through pointers. Leak checks are off everywhere: Swift's runtime
# caches look like leaks.
asan_options() {
  if [ -n "${ASAN_OPTIONS:-}" ]; then echo "$ASAN_OPTIONS"; return; fi
  case $1 in
    records) echo "malloc_context_size=0:detect_leaks=0" ;;
    *) echo "malloc_context_size=0:detect_leaks=0:quarantine_size_mb=0:thread_local_quarantine_size_kb=0:max_free_fill_size=0" ;;
  esac
}
export CASESIM_FUZZ_GUIDES="${CASESIM_FUZZ_GUIDES:-$root/Guides}"
# libFuzzer and ASan print the stack of a crash; Swift's own backtracer would run first and trip
# over ASan's shadow memory, so it is turned off. (Names in the stack are mangled Swift: pipe
# through `swift demangle` to read them.)
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && command -v llvm-symbolizer >/dev/null 2>&1; then
  export ASAN_SYMBOLIZER_PATH="$(command -v llvm-symbolizer)"
fi

# The largest input libFuzzer makes, per target. The parser runs on small inputs so that it does
# at least 5,000 runs a second (the format is line-based: a few passages reach every rule); the
# others get room for a whole small scenario, story or records file.
max_len() {
  if [ -n "${FUZZ_MAX_LEN:-}" ]; then echo "$FUZZ_MAX_LEN"; return; fi
  case $1 in
    parser) echo 256 ;;
    check | twee) echo 4096 ;;
    json) echo 8192 ;;
    records) echo 16384 ;;
  esac
}

dictionary() {
  case $1 in
    parser | check) echo Fuzz/parser.dict ;;
    *) echo "Fuzz/$1.dict" ;;
  esac
}

# --- Build, once -----------------------------------------------------------------------------
echo "fuzz.sh: building the fuzz targets (swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer)"
started=$(date +%s)
set +e
(cd Fuzz && swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer 2>&1) \
  | grep -v "Cannot export local symbol '__asan_extra_spill_area'"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "fuzz.sh: the build failed" >&2
  exit "$status"
fi
echo "fuzz.sh: built in $(($(date +%s) - started)) s"

# --- Seeds -----------------------------------------------------------------------------------
# Whole files, plus each file cut into passages and into choices, so that small inputs still
# start from real constructs. Generated afresh every run; nothing generated is committed.
cut_scenario() {
  local file=$1 out=$2 base
  base=$(basename "$file")
  awk -v out="$out" -v base="$base" '
    function flush() { if (piece != "") { n++; printf "%s", piece > (out "/" base "-" kind "-" n); close(out "/" base "-" kind "-" n) } piece = "" }
    BEGIN { n = 0; kind = "header" }
    /^== / { flush(); kind = "passage" }
    { piece = piece $0 "\n" }
    END { flush() }' "$file"
  awk -v out="$out" -v base="$base" '
    function flush() { if (piece != "" && choice) { n++; printf "%s", piece > (out "/" base "-choice-" n); close(out "/" base "-choice-" n) } piece = ""; choice = 0 }
    BEGIN { n = 0 }
    /^== / { flush(); head = $0 "\n"; next }
    /^\* / { flush(); piece = head; choice = 1 }
    { if (choice) piece = piece $0 "\n" }
    END { flush() }' "$file"
}

prepare_seeds() {
  local t=$1 dir="$work/seeds/$1" file
  rm -rf "$dir"
  mkdir -p "$dir"
  case $t in
    parser | check)
      for file in Scenarios/*.case Scenarios/*.passages Fuzz/Seeds/scenario/*; do
        [ -f "$file" ] || continue
        cp "$file" "$dir/"
        cut_scenario "$file" "$dir"
      done
      if [ "$t" = check ]; then cp Guides/*.guide "$dir/"; fi
      ;;
    twee)
      find Tests/CaseAuthoringTests/Fixtures -type f \( -name '*.twee' -o -name '*.tw' \) -exec cp {} "$dir/" \;
      cp Fuzz/Seeds/twee/* "$dir/"
      ;;
    json | records)
      # Written by the target itself before it reads its corpus (LLVMFuzzerInitialize): the JSON
      # export of every scenario, and a small records file written through the store's API.
      ;;
  esac
}

# --- Run -------------------------------------------------------------------------------------
mkdir -p Fuzz/Findings
# The records target works in a folder of its own per process and removes it at exit; a crash
# leaves it behind, so remove those whose process is gone.
for stale in /dev/shm/casesim-fuzz-records-* "${TMPDIR:-/tmp}"/casesim-fuzz-records-*; do
  [ -d "$stale" ] || continue
  kill -0 "${stale##*-}" 2>/dev/null || rm -rf "$stale"
done
final=0
for t in "${selected[@]}"; do
  echo
  echo "fuzz.sh: === $t ($seconds s, -max_len=$(max_len "$t")) ==="
  prepare_seeds "$t"
  mkdir -p "$work/corpus/$t"
  flags=(
    -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=10
    -artifact_prefix="Fuzz/Findings/$t-" -dict="$(dictionary "$t")" -detect_leaks=0 -print_final_stats=1
  )

  ASAN_OPTIONS_FOR_TARGET="$(asan_options "$t")"
  # shellcheck disable=SC2206
  extra=(${FUZZ_ARGS:-})

  # Regression inputs first: every crash ever found, which must stay fixed.
  shopt -s nullglob
  fails=("Fuzz/FailCases/$t"/*)
  shopt -u nullglob
  if [ ${#fails[@]} -gt 0 ]; then
    echo "fuzz.sh: $t: running ${#fails[@]} fail case(s) from Fuzz/FailCases/$t"
    failing=0
    for fail in "${fails[@]}"; do
      set +e
      ASAN_OPTIONS="$ASAN_OPTIONS_FOR_TARGET" "$bin/$t" "${flags[@]}" "$fail"
      status=$?
      set -e
      if [ "$status" -ne 0 ]; then
        echo "fuzz.sh: $t: FAIL CASE $fail fails again (exit $status)" >&2
        failing=$((failing + 1))
        [ "$final" -ne 0 ] || final=$status
      fi
    done
    if [ "$failing" -gt 0 ]; then
      echo "fuzz.sh: $t: $failing fail case(s) fail; not fuzzing $t until they pass" >&2
      continue
    fi
  fi

  corpora=("$work/corpus/$t" "$work/seeds/$t")
  [ -d "Fuzz/FailCases/$t" ] && corpora+=("Fuzz/FailCases/$t")
  if [ "$seconds" -eq 0 ]; then run=(-runs=0); else run=(-max_total_time="$seconds"); fi
  set +e
  ASAN_OPTIONS="$ASAN_OPTIONS_FOR_TARGET" CASESIM_FUZZ_SEED_DIR="$work/seeds/$t" \
    CASESIM_FUZZ_SCENARIOS="Scenarios:Fuzz/Seeds/scenario" "$bin/$t" "${flags[@]}" "${run[@]}" ${extra[@]+"${extra[@]}"} "${corpora[@]}"
  status=$?
  set -e
  if [ "$status" -ne 0 ]; then
    echo "fuzz.sh: $t: libFuzzer found a problem (exit $status); the reproducer is in Fuzz/Findings/ (see above)" >&2
    [ "$final" -ne 0 ] || final=$status
  else
    echo "fuzz.sh: $t: no finding"
  fi
done
exit "$final"
