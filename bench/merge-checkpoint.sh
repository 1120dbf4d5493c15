#!/usr/bin/env bash
# Snapshot merge with and without the merge-state checkpoint (issue 5 item 7): for 1, 5 and 10 prior commits, the
# time of merging a KEYS-row snapshot with 1% changes through MergeWrite (state from the checkpoint) and through the
# plain path (Merge.snapshot over the whole changelog, then OdfIO.write()), in one JVM (main class
# org.odfbeam.transforms.bench.MergeCheckpointBench in odf-transforms' test sources).
#
#   bench/merge-checkpoint.sh [flink|direct] [KEYS] [PRIOR_COMMITS] [more options of the main class]
#       defaults: flink 1000000 1,5,10; e.g. bench/merge-checkpoint.sh direct 20000 1,2
#   SKIP_BUILD=1 bench/merge-checkpoint.sh ...     (reuse the last build and class paths)
#   HEAP=8g bench/merge-checkpoint.sh ...          (default -Xmx6g)
#
# flink = embedded cluster ([local], parallelism 2); direct = the Direct runner (correctness only). The class path
# is odf-transforms' test class path; for flink, beam-runners-direct-java is left out and the Flink runner's jars
# are taken from integration-tests' class path minus what its surefire execution "flink" excludes (see
# integration-tests/pom.xml), so exactly one runner is on it, as in RunnerIT. On a shared machine run it under the
# Maven lock so that no build competes with it:
#   flock /tmp/odf-mvn.lock bench/merge-checkpoint.sh flink
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runner="${1:-flink}"
keys="${2:-1000000}"
commits="${3:-1,5,10}"
shift $(($# < 3 ? $# : 3))
case "$runner" in
  direct|flink) ;;
  *) echo "usage: $0 [flink|direct] [KEYS] [PRIOR_COMMITS] [options]" >&2; exit 2 ;;
esac
tr_dir="$root/odf-transforms"
it="$root/integration-tests"
work="$tr_dir/target/merge-checkpoint-bench"
tr_cp="$tr_dir/target/merge-bench-test.classpath"
it_cp="$tr_dir/target/merge-bench-it.classpath"
repo="${MAVEN_REPO:-$HOME/.m2/repository}"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -o -q -B -pl odf-beam-io install -DskipTests
  mvn -o -q -B -pl odf-transforms test-compile
  mvn -o -q -B -pl odf-transforms dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$tr_cp"
  if [[ "$runner" == flink ]]; then
    mvn -o -q -B -pl integration-tests dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$it_cp"
  fi
fi

# group:artifact of a jar path under the local repository (empty for other entries).
ga() { awk -v repo="$repo/" '{
  if (index($0, repo) != 1) { print ""; next }
  m = split(substr($0, length(repo) + 1), part, "/")
  g = part[1]; for (i = 2; i <= m - 3; i++) g = g "." part[i]
  print g ":" part[m - 2] }'; }

deps="$(tr ':' '\n' < "$tr_cp")"
if [[ "$runner" == flink ]]; then
  # odf-transforms' own dependencies first (no Direct runner), then the Flink runner's jars it lacks.
  excludes="$(awk '
    index($0, "<id>flink</id>") { inside = 1 }
    inside && /<\/execution>/ { exit }
    inside && /<classpathDependencyExclude>/ {
      gsub(/.*<classpathDependencyExclude>|<\/classpathDependencyExclude>.*/, ""); print
    }' "$it/pom.xml")"
  [[ -n "$excludes" ]] || { echo "no classpathDependencyExcludes found for execution flink" >&2; exit 1; }
  have="$(printf '%s\n' "$deps" | ga | sort -u)"
  extra="$(tr ':' '\n' < "$it_cp" | while read -r jar; do
    id="$(printf '%s\n' "$jar" | ga)"
    [[ -z "$id" || "$id" == org.odfbeam:* ]] && continue
    grep -qxF "$id" <<< "$have" && continue
    skip=0
    while read -r ex; do
      [[ -z "$ex" ]] && continue
      if [[ "$ex" == *":*" ]]; then [[ "${id%%:*}" == "${ex%%:*}" ]] && skip=1
      else [[ "$id" == "$ex" ]] && skip=1; fi
    done <<< "$excludes"
    [[ $skip == 0 ]] && printf '%s\n' "$jar"
  done)"
  deps="$(printf '%s\n' "$deps" | grep -v '/beam-runners-direct-java/')"$'\n'"$extra"
fi
cp="$tr_dir/target/test-classes:$tr_dir/target/classes:$(printf '%s\n' "$deps" | grep -v '^$' | paste -sd:)"

opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
mkdir -p "$work-tmp"
# Embedded Flink leaves a jar and a minicluster_* folder per pipeline in the temp directory.
trap 'rm -rf "$work-tmp"' EXIT
timer=()
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f "JVM: %e s wall, %U s user, %S s system, peak RSS %M KiB")
# shellcheck disable=SC2086
"${timer[@]}" java -Xmx"${HEAP:-6g}" $opens ${JAVA_OPTS:-} \
  -Djava.io.tmpdir="$work-tmp" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.org.odfbeam.transforms.merge=info \
  -Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics.MetricGroup=error \
  -cp "$cp" \
  org.odfbeam.transforms.bench.MergeCheckpointBench --runner="$runner" --keys="$keys" --priorCommits="$commits" \
  --dir="$work" "$@"
