#!/usr/bin/env bash
# Reads every workbook of the XLSX conformance corpus with `rebalancer inspect --cells all`
# and compares the dump with the corpus's expected dump.
#   - a file with an expected dump passes when the dumps are equal, or when it is listed in
#     Tests/Conformance/known-differences.tsv (file, reason) and differs;
#   - a file without one passes when it reads, or fails with a one-line message (exit 1);
#   - a crash, a hang (past 60 s) or a run past 2 GiB of memory fails, always.
# Usage: scripts/conformance.sh [BINARY] [CORPUS]
set -u
binary=${1:-.build/debug/rebalancer}
corpus=${2:-../shared/xlsx-corpus}
known=Tests/Conformance/known-differences.tsv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
while IFS= read -r -d '' file; do
    rel=${file#"$corpus"/}
    expected="$corpus/expected/$rel.tsv"
    out="$work/out.tsv"
    err="$work/err.txt"
    ( ulimit -v 2097152; timeout 60 "$binary" inspect --cells all "$file" >"$out" 2>"$err" )
    status=$?
    if [ $status -ne 0 ] && [ $status -ne 1 ]; then
        echo "FAIL $rel: exit status $status ($(head -c 300 "$err"))"
        failed=$((failed + 1)); continue
    fi
    if [ $status -eq 1 ] && [ "$(grep -c '' "$err")" -ne 1 ]; then
        echo "FAIL $rel: error message is not one line"
        failed=$((failed + 1)); continue
    fi
    if [ -f "$expected.gz" ]; then
        gzip -dc "$expected.gz" >"$work/expected.tsv"; expected="$work/expected.tsv"
    fi
    if [ -f "$expected" ]; then
        if [ $status -eq 0 ] && cmp -s "$out" "$expected"; then
            passed=$((passed + 1))
        elif grep -q "^$rel	" "$known" 2>/dev/null; then
            echo "known $rel: $(grep "^$rel	" "$known" | cut -f2)"
            passed=$((passed + 1))
        else
            echo "FAIL $rel: differs from the expected dump$([ $status -eq 1 ] && echo " (read failed: $(cat "$err"))")"
            diff "$expected" "$out" | head -8 | sed 's/^/    /'
            failed=$((failed + 1))
        fi
    else
        if [ $status -eq 0 ]; then
            echo "read $rel (no expected dump)"
        else
            echo "clean error $rel: $(cat "$err")"
        fi
        passed=$((passed + 1))
    fi
done < <(find "$corpus" -path "$corpus/expected" -prune -o -type f \( -iname '*.xlsx' -o -iname '*.xlsm' -o -iname '*.xltx' \) -print0 | sort -z)
echo "conformance: $passed passed, $failed failed"
[ $failed -eq 0 ]
