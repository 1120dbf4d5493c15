#!/usr/bin/env bash
# OdfIO vs Beam's ParquetIO (issue 4 item 8): writes and reads the same N synthetic rows (8 columns) through both on
# one runner, in one JVM with a 2 GiB heap, and prints the times, their ratios, an incremental read of the last 1%
# and each phase's peak heap (main class org.odfbeam.bench.OdfIoVsParquetIo in integration-tests' test sources).
#
#   bench/odfio-vs-parquetio.sh [flink|spark|direct] [ROWS] [REPEATS] [more options of the main class or Beam]
#       defaults: flink 10000000 1. The figures in docs/benchmarks.md come from
#         bench/odfio-vs-parquetio.sh flink 10000000 2
#         JAVA_OPTS=-Dspark.serializer=org.apache.spark.serializer.KryoSerializer \
#           bench/odfio-vs-parquetio.sh spark 10000000 2 --storageLevel=DISK_ONLY --tailPairs=5
#       (with Spark's defaults the 10M-row OdfIO write runs out of a 2 GiB heap; see docs/benchmarks.md)
#   JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/b.jfr,settings=profile" bench/odfio-vs-parquetio.sh ...
#   SKIP_BUILD=1 bench/odfio-vs-parquetio.sh ...     (reuse the last build and class path)
#
# flink = embedded cluster ([local], parallelism 2); spark = local[2]; direct = the Direct runner (correctness
# only: it is far slower than the others). The class path is the integration-tests test class path minus what the
# surefire execution of that runner excludes (see integration-tests/pom.xml): exactly one runner on it, as in
# RunnerIT. On a shared machine run it under the Maven lock so that no build competes with it:
#   flock /tmp/odf-mvn.lock bench/odfio-vs-parquetio.sh flink
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runner="${1:-flink}"
rows="${2:-10000000}"
repeats="${3:-1}"
shift $(($# < 3 ? $# : 3))
case "$runner" in
  direct|flink|spark) ;;
  *) echo "usage: $0 [flink|spark|direct] [ROWS] [REPEATS] [options]" >&2; exit 2 ;;
esac
it="$root/integration-tests"
work="$it/target/odfio-vs-parquetio"
cpfile="$it/target/bench-test.classpath"
repo="${MAVEN_REPO:-$HOME/.m2/repository}"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -o -q -B -pl integration-tests -am install -DskipTests
  mvn -o -q -B -pl integration-tests dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cpfile"
fi

# The classpathDependencyExclude entries (groupId:artifactId or groupId:*) of the runner's surefire execution.
excludes="$(awk -v id="<id>$runner</id>" '
  index($0, id) { inside = 1 }
  inside && /<\/execution>/ { exit }
  inside && /<classpathDependencyExclude>/ {
    gsub(/.*<classpathDependencyExclude>|<\/classpathDependencyExclude>.*/, ""); print
  }' "$it/pom.xml")"
[[ -n "$excludes" ]] || { echo "no classpathDependencyExcludes found for execution $runner" >&2; exit 1; }
deps="$(tr ':' '\n' < "$cpfile" | awk -v repo="$repo/" -v ex="$excludes" '
  BEGIN {
    n = split(ex, e, "\n")
    for (i = 1; i <= n; i++) { split(e[i], ga, ":"); if (ga[2] == "*") group[ga[1]] = 1; else artifact[e[i]] = 1 }
  }
  index($0, repo) == 1 {
    m = split(substr($0, length(repo) + 1), part, "/")   # group path / artifact / version / file
    g = part[1]; for (i = 2; i <= m - 3; i++) g = g "." part[i]
    if ((g in group) || ((g ":" part[m - 2]) in artifact)) next
  }
  { print }' | paste -sd:)"

opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
mkdir -p "$work/tmp"
# Embedded Flink leaves a jar and a minicluster_* folder per pipeline in the temp directory.
trap 'rm -rf "$work/tmp"' EXIT
timer=()
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f "JVM: %e s wall, %U s user, %S s system, peak RSS %M KiB")
# shellcheck disable=SC2086
"${timer[@]}" java -Xmx2g $opens ${JAVA_OPTS:-} \
  -Djava.io.tmpdir="$work/tmp" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics.MetricGroup=error \
  -cp "$it/target/test-classes:$deps" \
  org.odfbeam.bench.OdfIoVsParquetIo --runner="$runner" --rows="$rows" --repeats="$repeats" --dir="$work" "$@"
