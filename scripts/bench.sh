#!/usr/bin/env bash
# `make bench`: the reader, the planner and the whole run at firm scale, side by side with
# the Python stack a team would otherwise use (openpyxl, XlsxWriter, python-calamine).
#
# Builds in release mode, installs the pinned Python packages in a throwaway virtual
# environment (.build/bench-venv), generates the books in .build/bench, then runs each
# command several times and prints the median wall time and the peak resident memory
# (/usr/bin/time's maximum resident set size), the ratios and the issue's targets.
#
#   RUNS=5      runs of each Swift command (median)
#   PY_RUNS=3   runs of each Python command (median; openpyxl is slow)
#   BREAKDOWN=1 also time read, plan and write in one process (RebalanceBench RUNS)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
PY_RUNS=${PY_RUNS:-3}
SWIFT=${SWIFT:-swift}
PYTHON=${PYTHON:-python3}
SHEET_ROWS=200000
WORK=.build/bench

say() { printf '%s\n' "$*"; }

# --- Build and environment -------------------------------------------------------------

# The shipped build: the Swift runtime linked into each binary, which then needs no Swift
# libraries beside it, and whose calls into the runtime (each retain and release) skip the
# dynamic linker's indirection (1.5% fewer planning instructions, callgrind).
say "== Building in release mode (Swift runtime linked in)"
"$SWIFT" build -c release --static-swift-stdlib
BIN=$("$SWIFT" build -c release --static-swift-stdlib --show-bin-path)
REBALANCER=$BIN/rebalancer
BENCH=$BIN/RebalanceBench
GENERATOR=$BIN/BookGenerator

PY="$(PYTHON="$PYTHON" scripts/venv.sh) scripts/bench_python.py"

mkdir -p "$WORK"
FIRM=$WORK/Firm.xlsx
FIRM100=$WORK/Firm-100-lots.xlsx
SHEET=$WORK/Sheet-${SHEET_ROWS}x8.xlsx

say "== Generating the books"
"$GENERATOR" --seed 1 --shape firm "$FIRM"
"$GENERATOR" --seed 1 --shape firm --lots-per-account 100 "$FIRM100"
# The 8-column sheet is the same every time: written once, again only when its writer changes.
if [ ! -s "$SHEET" ] || [ scripts/bench_python.py -nt "$SHEET" ]; then
    $PY sheet "$SHEET" "$SHEET_ROWS"
fi

# --- Measuring -------------------------------------------------------------------------

declare -A WALL RSS KEY

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure NAME RUNS COMMAND...: runs COMMAND RUNS times. WALL[NAME] is the median wall time
# in seconds: the `seconds=S` the command prints if it does (the Python side times its work
# alone), else the whole process. RSS[NAME] is the largest peak resident memory, in MB.
# Every other `key=value` line gives KEY[NAME.key], the median of the values. The files
# named in FRESH are removed before each run (rebalancer never writes over an output).
measure() {
    local name=$1 runs=$2 run start end
    shift 2
    : > "$WORK/walls.txt"; : > "$WORK/rss.txt"; : > "$WORK/keys.txt"
    for ((run = 1; run <= runs; run++)); do
        # shellcheck disable=SC2086
        rm -f ${FRESH:-}
        start=$(date +%s%N)
        if ! /usr/bin/time -f %M -o "$WORK/time.txt" "$@" > "$WORK/stdout.txt" 2> "$WORK/stderr.txt"; then
            say "failed: $*"; cat "$WORK/stdout.txt" "$WORK/stderr.txt"; exit 1
        fi
        end=$(date +%s%N)
        if grep -q '^seconds=' "$WORK/stdout.txt"; then
            sed -n 's/^seconds=//p' "$WORK/stdout.txt" >> "$WORK/walls.txt"
        else
            awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }' >> "$WORK/walls.txt"
        fi
        tail -n 1 "$WORK/time.txt" >> "$WORK/rss.txt"
        grep -E '^[a-z_]+=[0-9.]+$' "$WORK/stdout.txt" | grep -v '^seconds=' >> "$WORK/keys.txt" || true
    done
    WALL[$name]=$(median < "$WORK/walls.txt")
    RSS[$name]=$(sort -g "$WORK/rss.txt" | tail -n 1 | awk '{ printf "%.0f", $1 * 1024 / 1e6 }')
    local key
    for key in $(cut -d= -f1 "$WORK/keys.txt" | sort -u); do
        KEY[$name.$key]=$(sed -n "s/^$key=//p" "$WORK/keys.txt" | median)
    done
    printf '  %-34s %8.3f s  %6s MB   (%s)\n' "$name" "${WALL[$name]}" "${RSS[$name]}" \
        "$(grep -v '=' "$WORK/stdout.txt" | tail -n 1)"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

say "== The reader alone, $SHEET_ROWS rows x 8 columns (median of $RUNS, Python $PY_RUNS)"
measure sheet.ours "$RUNS" "$BENCH" read "$SHEET"
measure sheet.calamine "$PY_RUNS" $PY calamine "$SHEET"
measure sheet.openpyxl "$PY_RUNS" $PY openpyxl "$SHEET"

say "== Planning alone, in one process (median of $RUNS plans each)"
# RebalanceBench times each plan itself; its process also generates the portfolio. Planning
# uses a thread per processor; plan.200.1 is the same book on one thread.
plan_alone() { # plan_alone NAME ARGS...
    local name=$1
    shift
    /usr/bin/time -f %M -o "$WORK/time.txt" "$BENCH" "$RUNS" plan "$@" > "$WORK/stdout.txt"
    WALL[$name]=$(sed -n 's/^Plan ([0-9]* threads*): median \([0-9.]*\) s.*/\1/p' "$WORK/stdout.txt")
    RSS[$name]=$(tail -n 1 "$WORK/time.txt" | awk '{ printf "%.0f", $1 * 1024 / 1e6 }')
    printf '  %-34s %8.3f s  %6s MB   (%s)\n' "$name" "${WALL[$name]}" "${RSS[$name]}" \
        "$(grep -o '([0-9]* threads*)' "$WORK/stdout.txt"), $(tail -n 2 "$WORK/stdout.txt" | head -n 1 | sed 's/^ *//')"
    # The host's speed before and after, to read the time beside (see RebalanceBench's hostReference).
    printf '  %-34s %s\n' "" "$(tail -n 1 "$WORK/stdout.txt" | sed 's/^ *//')"
}
plan_alone plan.200 --lots-per-account 200
plan_alone plan.200.1 --lots-per-account 200 --threads 1
plan_alone plan.100 --lots-per-account 100

say "== The firm book end to end: rebalancer run BOOK --output out.xlsx (median of $RUNS)"
OUT100=$WORK/out-100-lots
OUT=$WORK/out
FRESH="$OUT100.xlsx $OUT100.audit.json" measure run.100 "$RUNS" "$REBALANCER" run "$FIRM100" --output "$OUT100.xlsx"
FRESH="$OUT.xlsx $OUT.audit.json" measure run.200 "$RUNS" "$REBALANCER" run "$FIRM" --output "$OUT.xlsx"
megabytes() { stat -c %s "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
say "  output: workbook $(megabytes "$OUT.xlsx") MB, audit JSON $(megabytes "$OUT.audit.json") MB; input $(megabytes "$FIRM") MB"
say "  $("$BENCH" check "$FIRM" "$OUT.xlsx")"

say "== The same input and output with the Python stack (median of $PY_RUNS)"
measure io.python "$PY_RUNS" $PY io "$FIRM" "$OUT.xlsx" "$WORK/python-out.xlsx"
measure firm.calamine "$PY_RUNS" $PY calamine "$FIRM"
measure firm.ours "$RUNS" "$BENCH" read "$FIRM"

if [ "${BREAKDOWN:-0}" = 1 ]; then
    say "== Read, plan and write in one process (RebalanceBench $RUNS)"
    "$BENCH" "$RUNS"
fi

# --- Summary ---------------------------------------------------------------------------

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { # verdict VALUE OP LIMIT
    if awk -v v="$1" -v l="$3" "BEGIN { exit !(v $2 l) }"; then echo "met"; else echo "MISSED"; fi
}
row() { # row LABEL [SECONDS [MB]]
    if [ -n "${2:-}" ]; then printf '%-58s %9.3f %9s\n' "$1" "$2" "${3:-}"; else printf '%s\n' "$1"; fi
}

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
say ""
say "Rebalancer benchmark, $(date -u +%F), $(nproc) cores ($cpu), $memory,"
say "load average $LOAD_BEFORE before and $(cut -d' ' -f1-3 /proc/loadavg) after; release build."
say "Median wall time of $RUNS runs ($PY_RUNS for Python); peak resident memory, largest run."
say ""
printf '%-58s %9s %9s\n' "" "wall s" "peak MB"
row "Reader alone, $SHEET_ROWS x 8 sheet"
row "  ours (RebalanceBench read, whole process)" "${WALL[sheet.ours]}" "${RSS[sheet.ours]}"
row "  python-calamine (to_python, in process)" "${WALL[sheet.calamine]}" "${RSS[sheet.calamine]}"
row "  openpyxl read-only (in process)" "${WALL[sheet.openpyxl]}" "${RSS[sheet.openpyxl]}"
threads=$(( $(nproc) < 8 ? $(nproc) : 8 ))
row "Planning alone, firm book (in process, $threads threads)" "${WALL[plan.200]}" "${RSS[plan.200]}"
row "  on one thread" "${WALL[plan.200.1]}" "${RSS[plan.200.1]}"
row "  with 100 lots per account" "${WALL[plan.100]}" "${RSS[plan.100]}"
row "End to end, firm book (rebalancer run: read, plan, write)" "${WALL[run.200]}" "${RSS[run.200]}"
row "  with 100 lots per account" "${WALL[run.100]}" "${RSS[run.100]}"
row "Python I/O alone, firm book (in process)" "${WALL[io.python]}" "${RSS[io.python]}"
row "  of which openpyxl read-only of the input" "${KEY[io.python.read_seconds]}"
row "  of which XlsxWriter writing our output's cells" "${KEY[io.python.write_seconds]}"
row "Reading the firm input: ours (whole process)" "${WALL[firm.ours]}" "${RSS[firm.ours]}"
row "  python-calamine (in process)" "${WALL[firm.calamine]}" "${RSS[firm.calamine]}"
say ""
e2e=${WALL[run.200]}
speedup_io=$(ratio "${WALL[io.python]}" "$e2e")
speedup_sheet=$(ratio "${WALL[sheet.calamine]}" "${WALL[sheet.ours]}")
speedup_firm=$(ratio "${WALL[firm.calamine]}" "${WALL[firm.ours]}")
speedup_openpyxl=$(ratio "${WALL[sheet.openpyxl]}" "${WALL[sheet.ours]}")
growth_run=$(ratio "${WALL[run.200]}" "${WALL[run.100]}")
growth_plan=$(ratio "${WALL[plan.200]}" "${WALL[plan.100]}")
printf '%-58s %9s  %s\n' "Target" "measured" ""
printf '%-58s %8.3fs  %s\n' "End to end <= 2 s" "$e2e" "$(verdict "$e2e" '<=' 2)"
printf '%-58s %8sx  %s\n' "Python I/O alone / our end to end >= 10x" "$speedup_io" "$(verdict "$speedup_io" '>=' 10)"
printf '%-58s %8sx  %s\n' "Reading: python-calamine / ours >= 2.5x (the sheet)" "$speedup_sheet" "$(verdict "$speedup_sheet" '>=' 2.5)"
printf '%-58s %8sx  %s\n' "  the same on the firm input" "$speedup_firm" "$(verdict "$speedup_firm" '>=' 2.5)"
printf '%-58s %8sx\n' "  openpyxl read-only / ours (the sheet)" "$speedup_openpyxl"
printf '%-58s %7sMB  %s\n' "Peak memory end to end <= 150 MB" "${RSS[run.200]}" "$(verdict "${RSS[run.200]}" '<=' 150)"
printf '%-58s %8sx  %s\n' "Twice the lots, end to end: time ratio <= 2.1x" "$growth_run" "$(verdict "$growth_run" '<=' 2.1)"
printf '%-58s %8sx  %s\n' "Twice the lots, planning alone: time ratio <= 2.1x" "$growth_plan" "$(verdict "$growth_plan" '<=' 2.1)"
# The engine issue asks for well under 0.3 s, read as at most 0.20 s on a quiet host (README,
# Decisions, Benchmark). One run on a machine whose speed moves by a quarter: read it beside the
# host reference `RebalanceBench plan` prints and the A/B runs (docs/benchmark-history.md).
printf '%-58s %8.3fs  %s\n' "Planning the firm book <= 0.20 s (issue: well under 0.3 s)" "${WALL[plan.200]}" "$(verdict "${WALL[plan.200]}" '<=' 0.2)"
