#!/usr/bin/env bash
# Generates books with BookGenerator, plans each with a release `rebalancer run --offline`,
# and checks each output with the two independent checkers written from the workbook
# contract alone: scripts/check_tax.py (lots sold, terms, the tax estimate, Est Tax, the
# budget) and scripts/check_wash.py (windows, replacements, disallowed losses, restated
# lots). Prints a line per book with a mismatch and a summary; exit 1 when any book has one.
# Usage: taxcheck.sh PYTHON BIN_DIR RUNS SEED [SHAPE]
set -euo pipefail
cd "$(dirname "$0")/.."
python=$1 bin=$2 runs=$3 seed=$4 shape=${5:-small}
work=.build/taxcheck
rm -rf "$work" && mkdir -p "$work"
checked=0 failed=0
for ((n = 0; n < runs; n++)); do
    s=$((seed + n))
    # Every fourth book holds few lots per account, so positions are sold whole and in part.
    extra=()
    if ((n % 4 == 3)); then extra=(--lots-per-account $((1 + s % 6))); fi
    book="$work/book-$s.xlsx" out="$work/book-$s.out.xlsx"
    "$bin/BookGenerator" --seed "$s" --shape "$shape" "${extra[@]}" "$book" >/dev/null
    status=0
    "$bin/rebalancer" run "$book" --output "$out" --offline >"$work/book-$s.run.txt" 2>&1 || status=$?
    if ((status != 0)); then
        echo "book $s ${extra[*]}: rebalancer exited $status (see $work/book-$s.run.txt)"
        failed=$((failed + 1))
        continue
    fi
    ok=1
    for checker in check_tax check_wash; do
        if ! "$python" "scripts/$checker.py" "$book" "$out" >"$work/book-$s.$checker.txt" 2>&1; then
            echo "book $s ${extra[*]}: $checker: $(grep -c '^MISMATCH' "$work/book-$s.$checker.txt" || true) mismatch(es) (see $work/book-$s.$checker.txt)"
            ok=0
        fi
    done
    checked=$((checked + 1))
    ((ok)) || failed=$((failed + 1))
done
echo "taxcheck: $runs books from seed $seed ($shape), $checked planned and checked, $failed with a failure"
((failed == 0))
