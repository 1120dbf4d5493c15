#!/usr/bin/env bash
# A local Spark 3.5 standalone cluster (one Master, one Worker, separate processes) on 127.0.0.1, run from jars
# Maven copies (runners-config/clusters/spark/pom.xml); no Spark distribution, no Docker.
#
#   spark-cluster.sh start   [--dir DIR] [--port PORT] [--ui-port PORT] [--cores N] [--memory SIZE] [--timeout S]
#   spark-cluster.sh stop    [--dir DIR]
#   spark-cluster.sh status  [--dir DIR]
#   spark-cluster.sh prepare                 copy the jars only
#
#   --dir DIR       the cluster's directory: conf/, log/, work/, tmp/, PID files
#                   (default runners-config/clusters/target/spark)
#   --port PORT     the Master's port (default 7077); 0 picks a free one. Submit with --sparkMaster=spark://127.0.0.1:PORT
#   --ui-port PORT  the Master's web UI, whose /json/ tells the cluster's state (default 8080); 0 picks a free one
#   --cores N       cores the Worker offers (default 2)
#   --memory SIZE   memory the Worker offers to executors (default 3g)
#   --timeout S     how long start waits for the Worker to register (default 120)
#
# Environment: JAVA_HOME; ODF_CLUSTER_LIB (where the jars are kept, default runners-config/clusters/target/lib);
# ODF_MVN / ODF_MVN_ARGS (how Maven is called, e.g. ODF_MVN_ARGS=-o); SPARK_DAEMON_MEMORY (heap of the Master and
# the Worker, default 512m); ODF_CLUSTER_GRACE (seconds stop waits before SIGKILL, 20).
#
# start prints "spark: spark://127.0.0.1:PORT" once the Worker has registered, and the settings an application
# needs (the Parquet jars for the executors); status exits 0 when the cluster runs and 3 when it does not.
# See README.md.
set -euo pipefail
shopt -s inherit_errexit
SCRIPT_NAME=spark-cluster.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

cmd=${1:-}
[[ -n "$cmd" ]] && shift
DIR="$CLUSTERS_HOME/target/spark"
PORT=7077
UI_PORT=8080
CORES=2
MEMORY=3g
TIMEOUT=120
GRACE_SECONDS=${ODF_CLUSTER_GRACE:-20}
LIB="${ODF_CLUSTER_LIB:-$CLUSTERS_HOME/target/lib}"
USAGE="usage: $SCRIPT_NAME start|stop|status|prepare [--dir DIR] [--port PORT] [--ui-port PORT] [--cores N] [--memory SIZE] [--timeout S]"
while (($#)); do
  case "$1" in
    --dir) DIR=$2; shift 2 ;;
    --dir=*) DIR=${1#*=}; shift ;;
    --port) PORT=$2; shift 2 ;;
    --port=*) PORT=${1#*=}; shift ;;
    --ui-port) UI_PORT=$2; shift 2 ;;
    --ui-port=*) UI_PORT=${1#*=}; shift ;;
    --cores) CORES=$2; shift 2 ;;
    --cores=*) CORES=${1#*=}; shift ;;
    --memory) MEMORY=$2; shift 2 ;;
    --memory=*) MEMORY=${1#*=}; shift ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --timeout=*) TIMEOUT=${1#*=}; shift ;;
    *) die "unknown argument '$1' ($USAGE)" ;;
  esac
done
SPARK_LIB="$LIB/spark"
export SPARK_HOME="$SPARK_LIB/spark-home"
PARQUET_DIR="$SPARK_LIB/executor-parquet"

# Copies (once) Spark's jars into $SPARK_HOME/jars and Parquet 1.15.2 into $PARQUET_DIR.
prepare() {
  local pom="$CLUSTERS_HOME/spark/pom.xml" stamp="$SPARK_LIB/.complete"
  mkdir -p "$SPARK_LIB"
  (
    flock 9
    if [[ ! -f "$stamp" || "$pom" -nt "$stamp" ]]; then
      echo "$SCRIPT_NAME: copying the Spark jars with Maven ($pom)" >&2
      rm -rf "$SPARK_HOME" "$PARQUET_DIR"
      run_mvn -f "$pom" generate-resources -Dcluster.lib="$SPARK_LIB" >&2 || die "Maven could not resolve $pom"
      touch "$stamp"
    fi
  ) 9>"$LIB/.spark.lock"
}

status() {
  local master worker port ui
  port=$(read_env "$DIR" MASTER_PORT)
  ui=$(read_env "$DIR" UI_PORT)
  master=$(live_pid "$DIR" master || true)
  worker=$(live_pid "$DIR" worker || true)
  if [[ -n "$master" && -n "$worker" ]]; then
    echo "spark: spark://$LOOPBACK:$port (web UI http://$LOOPBACK:$ui; master pid $master, worker pid $worker, dir $DIR)"
    return 0
  elif [[ -n "$master$worker" ]]; then
    echo "spark: partly running (master pid ${master:-none}, worker pid ${worker:-none}, dir $DIR); run '$SCRIPT_NAME stop --dir $DIR'"
    return 3
  fi
  echo "spark: not running (dir $DIR)"
  return 3
}

# Executors run in the Worker's work directory; one that outlived its Worker (e.g. after a SIGKILL) is found there.
stop_executors() {
  local p cwd
  [[ -d "$DIR/work" ]] || return 0
  for p in /proc/[0-9]*; do
    cwd=$(readlink "$p/cwd" 2>/dev/null) || continue
    if [[ "$cwd" == "$DIR/work/"* ]] && tr '\0' '\n' <"$p/cmdline" 2>/dev/null | grep -F CoarseGrainedExecutorBackend >/dev/null; then
      echo "  killing executor (pid ${p#/proc/})"
      kill -KILL "${p#/proc/}" 2>/dev/null || true
    fi
  done
}

stop() {
  echo "spark: stopping (dir $DIR)"
  stop_role "$DIR" worker
  stop_role "$DIR" master
  stop_executors
  rm -rf "$DIR/tmp"
}

start() {
  local t0 master_port ui_port worker_ui
  t0=$(now_ms)
  if live_pid "$DIR" master >/dev/null || live_pid "$DIR" worker >/dev/null; then
    status || true
    die "a cluster already runs with --dir $DIR; stop it first"
  fi
  rm -f "$DIR/master.pid" "$DIR/worker.pid" "$DIR/cluster.env"
  prepare
  master_port=$(choose_port "$PORT" "master")
  ui_port=$(choose_port "$UI_PORT" "web UI" --ui-port)
  worker_ui=$(free_port)

  rm -rf "$DIR/conf" "$DIR/tmp" "$DIR/log" "$DIR/work"
  mkdir -p "$DIR/conf" "$DIR/tmp" "$DIR/log" "$DIR/work"
  sed -e "s|@DIR@|$DIR|g" "$CLUSTERS_HOME/spark/conf/spark-defaults.conf" >"$DIR/conf/spark-defaults.conf"
  cp "$CLUSTERS_HOME/spark/conf/log4j2.properties" "$DIR/conf/log4j2.properties"
  write_env "$DIR" "MASTER_PORT=$master_port" "UI_PORT=$ui_port" "WORKER_UI_PORT=$worker_ui" \
    "MASTER_URL=spark://$LOOPBACK:$master_port" "SPARK_HOME=$SPARK_HOME" "EXECUTOR_PARQUET=$PARQUET_DIR"

  # What Spark's own sbin scripts set up: the environment the daemons and the executors they start see.
  export SPARK_CONF_DIR="$DIR/conf" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=$LOOPBACK SPARK_LOCAL_HOSTNAME=localhost
  export SPARK_LOCAL_DIRS="$DIR/tmp" SPARK_LOG_DIR="$DIR/log" SPARK_PID_DIR="$DIR"
  local opens=() pkg
  for pkg in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
      java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
    opens+=("--add-opens=java.base/$pkg=ALL-UNNAMED")
  done
  local common=(-Xmx"${SPARK_DAEMON_MEMORY:-512m}" "${opens[@]}" -Djava.io.tmpdir="$DIR/tmp"
    -Dlog4j2.configurationFile="file:$DIR/conf/log4j2.properties" -cp "$DIR/conf:$SPARK_HOME/jars/*")
  start_java "$DIR" master "${common[@]}" org.apache.spark.deploy.master.Master \
    --host $LOOPBACK --port "$master_port" --webui-port "$ui_port"
  start_java "$DIR" worker "${common[@]}" org.apache.spark.deploy.worker.Worker \
    --host $LOOPBACK --port 0 --webui-port "$worker_ui" --cores "$CORES" --memory "$MEMORY" \
    --work-dir "$DIR/work" "spark://$LOOPBACK:$master_port"

  local deadline=$(($(now_ms) + TIMEOUT * 1000)) state role
  while true; do
    for role in master worker; do
      if ! live_pid "$DIR" "$role" >/dev/null; then
        exit_status "$DIR" "$role"
        log_tails "$DIR" >&2
        stop >/dev/null
        die "the $role exited during start ($EXIT_HOW; logs above, under $DIR/log)"
      fi
    done
    state=$(http_get "$ui_port" /json/ || true)
    if [[ "$state" =~ \"aliveworkers\"[[:space:]]*:[[:space:]]*([0-9]+) ]] && ((BASH_REMATCH[1] >= 1)); then
      break
    fi
    if (($(now_ms) > deadline)); then
      log_tails "$DIR" >&2
      stop >/dev/null
      die "no Worker registered with spark://$LOOPBACK:$master_port within ${TIMEOUT}s (logs above, under $DIR/log); stopped"
    fi
    sleep 0.5
  done
  echo "spark: spark://$LOOPBACK:$master_port (started in $(elapsed_s "$t0") s; web UI http://$LOOPBACK:$ui_port; master pid $(<"$DIR/master.pid"), worker pid $(<"$DIR/worker.pid"), dir $DIR)"
  echo "  executors need Parquet 1.15.2 first: -Dspark.executor.extraClassPath='$PARQUET_DIR/*'"
}

case "$cmd" in
  start) DIR=$(abs_dir "$DIR"); mkdir -p "$DIR"; start ;;
  stop) DIR=$(abs_dir "$DIR"); stop ;;
  status) DIR=$(abs_dir "$DIR"); status ;;
  prepare) prepare && echo "spark: SPARK_HOME=$SPARK_HOME, executor Parquet jars in $PARQUET_DIR" ;;
  *) die "$USAGE" ;;
esac
