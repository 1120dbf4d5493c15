#!/usr/bin/env bash
# Start-up benchmark of the odf tool (issue: "the tool must feel instant").
#
#   bench/odf-startup.sh [RUNS]        (default 15 runs per command)
#
# Measures, side by side in the same run and started the same way (bin/odf, same JVM flags and
# classpath, ODF_MAIN selecting the main class):
#   hello     a Java hello-world                              (the baseline)
#   log-cold  odf log on a synthetic 10,000-block dataset, with an empty line cache (every block file read)
#   log       the same with the line cache warm (what a second `odf log` of the same chain costs)
#   hash      odf block hash on a YAML block manifest
#   read      only reading the 10,000 block files the way odf log does (its I/O floor, for context)
# Runs are interleaved (hello, log-cold, log, hash, read, hello, ...) so machine noise hits all alike.
# Prints the median wall time of each and the ratio to hello; the target is ratio <= 2.0.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}"
work="$root/target/bench-startup"
mkdir -p "$work"
odf="$root/bin/odf"

# Build (once) and warm the class-data-sharing archive the script maintains.
"$odf" --help >/dev/null
"$odf" --help >/dev/null

if [[ ! -f "$work/chain-10000/refs/head" ]]; then
  rm -rf "$work/chain-10000"
  ODF_MAIN=org.odfbeam.cli.bench.SyntheticChain "$odf" "$work/chain-10000" 10000
fi
block="$root/integration-tests/src/test/resources/kamu-serializer-vectors/09-execute-transform.yaml"

now() { date +%s%N; }
declare -a t_hello t_log t_cold t_hash t_read
cache="$work/log-cache"
rm -rf "$cache"
ODF_CACHE_DIR="$cache" "$odf" log "$work/chain-10000" >/dev/null
for ((i = 0; i < runs; i++)); do
  s=$(now); ODF_MAIN=org.odfbeam.cli.bench.HelloWorld "$odf" >/dev/null; e=$(now); t_hello+=($(((e - s) / 1000000)))
  cold=$(mktemp -d)
  s=$(now); ODF_CACHE_DIR="$cold" "$odf" log "$work/chain-10000" >/dev/null; e=$(now); t_cold+=($(((e - s) / 1000000)))
  rm -rf "$cold"
  s=$(now); ODF_CACHE_DIR="$cache" "$odf" log "$work/chain-10000" >/dev/null; e=$(now); t_log+=($(((e - s) / 1000000)))
  s=$(now); "$odf" block hash "$block" >/dev/null; e=$(now); t_hash+=($(((e - s) / 1000000)))
  s=$(now); ODF_MAIN=org.odfbeam.cli.bench.ReadBlocks "$odf" "$work/chain-10000" >/dev/null; e=$(now); t_read+=($(((e - s) / 1000000)))
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
mh=$(median "${t_hello[@]}"); ml=$(median "${t_log[@]}"); mc=$(median "${t_cold[@]}"); mb=$(median "${t_hash[@]}"); mr=$(median "${t_read[@]}")
echo "runs per command: $runs (medians, wall clock, ms)"
printf '%-32s %6s %8s\n' command ms ratio
printf '%-32s %6d %8s\n' "hello-world (baseline)" "$mh" "1.00"
printf '%-32s %6d %8.2f\n' "odf log (10,000 blocks), cold" "$mc" "$(awk -v a="$mc" -v b="$mh" 'BEGIN {print a / b}')"
printf '%-32s %6d %8.2f\n' "odf log (10,000 blocks), cached" "$ml" "$(awk -v a="$ml" -v b="$mh" 'BEGIN {print a / b}')"
printf '%-32s %6d %8.2f\n' "odf block hash" "$mb" "$(awk -v a="$mb" -v b="$mh" 'BEGIN {print a / b}')"
printf '%-32s %6d %8.2f\n' "read 10,000 block files only" "$mr" "$(awk -v a="$mr" -v b="$mh" 'BEGIN {print a / b}')"
