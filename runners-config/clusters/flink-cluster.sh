#!/usr/bin/env bash
# A local Flink 1.19 session cluster (one JobManager, one TaskManager, separate processes) on 127.0.0.1, run from
# jars Maven resolves (runners-config/clusters/flink/pom.xml); no Flink distribution, no Docker.
#
#   flink-cluster.sh start   [--dir DIR] [--port PORT] [--slots N] [--timeout SECONDS]
#   flink-cluster.sh stop    [--dir DIR]
#   flink-cluster.sh status  [--dir DIR]
#   flink-cluster.sh prepare                 resolve the class path only
#
#   --dir DIR     the cluster's directory: conf/, log/, tmp/, PID files (default runners-config/clusters/target/flink)
#   --port PORT   REST port (default 8081); 0 picks a free one. Submit with --flinkMaster=127.0.0.1:PORT
#   --slots N     task slots of the TaskManager and default parallelism (default 2)
#   --timeout S   how long start waits for the TaskManager to register (default 120)
#
# Environment: JAVA_HOME; ODF_CLUSTER_LIB (where resolved class paths are cached, default
# runners-config/clusters/target/lib); ODF_MVN / ODF_MVN_ARGS (how Maven is called, e.g. ODF_MVN_ARGS=-o);
# FLINK_JM_MEMORY (1024m), FLINK_TM_MEMORY (2048m); ODF_CLUSTER_GRACE (seconds stop waits before SIGKILL, 20).
#
# start prints "flink: http://127.0.0.1:PORT" once the TaskManager has registered; status exits 0 when the
# cluster runs and 3 when it does not. See README.md.
set -euo pipefail
shopt -s inherit_errexit
SCRIPT_NAME=flink-cluster.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

cmd=${1:-}
[[ -n "$cmd" ]] && shift
DIR="$CLUSTERS_HOME/target/flink"
PORT=8081
SLOTS=2
TIMEOUT=120
GRACE_SECONDS=${ODF_CLUSTER_GRACE:-20}
LIB="${ODF_CLUSTER_LIB:-$CLUSTERS_HOME/target/lib}"
while (($#)); do
  case "$1" in
    --dir) DIR=$2; shift 2 ;;
    --dir=*) DIR=${1#*=}; shift ;;
    --port) PORT=$2; shift 2 ;;
    --port=*) PORT=${1#*=}; shift ;;
    --slots) SLOTS=$2; shift 2 ;;
    --slots=*) SLOTS=${1#*=}; shift ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --timeout=*) TIMEOUT=${1#*=}; shift ;;
    *) die "unknown argument '$1' (usage: $SCRIPT_NAME start|stop|status|prepare [--dir DIR] [--port PORT] [--slots N] [--timeout S])" ;;
  esac
done

# Resolves (once) the cluster's class path into $LIB/flink.classpath; prints it.
classpath() {
  local pom="$CLUSTERS_HOME/flink/pom.xml" out="$LIB/flink.classpath"
  mkdir -p "$LIB"
  (
    flock 9
    local stale=false jar
    if [[ ! -s "$out" || "$pom" -nt "$out" ]]; then
      stale=true
    else
      # A cleaned local repository: resolve again.
      IFS=: read -ra jars <"$out" || true
      for jar in "${jars[@]}"; do [[ -f "$jar" ]] || { stale=true; break; }; done
    fi
    if $stale; then
      echo "$SCRIPT_NAME: resolving the Flink class path with Maven ($pom)" >&2
      run_mvn -f "$pom" dependency:build-classpath -Dmdep.outputFile="$out.tmp" >&2 \
        || die "Maven could not resolve $pom"
      mv "$out.tmp" "$out"
    fi
  ) 9>"$LIB/.flink.lock"
  cat "$out"
}

# JVM flags (line 1) and dynamic properties (line 2) that Flink's scripts compute from the memory settings.
resource_params() {
  local what=$1 cp=$2 out
  out=$("$(java_cmd)" -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$what" --configDir "$DIR/conf" 2>&1) \
    || die "BashJavaUtils $what failed: $out"
  out=$(sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' <<<"$out")
  [[ $(wc -l <<<"$out") -ge 2 ]] || die "BashJavaUtils $what printed no parameters"
  echo "$out" | tail -n 2
}

status() {
  local jm tm port
  port=$(read_env "$DIR" REST_PORT)
  jm=$(live_pid "$DIR" jobmanager || true)
  tm=$(live_pid "$DIR" taskmanager || true)
  if [[ -n "$jm" && -n "$tm" ]]; then
    echo "flink: http://$LOOPBACK:$port (jobmanager pid $jm, taskmanager pid $tm, dir $DIR)"
    return 0
  elif [[ -n "$jm$tm" ]]; then
    echo "flink: partly running (jobmanager pid ${jm:-none}, taskmanager pid ${tm:-none}, dir $DIR); run '$SCRIPT_NAME stop --dir $DIR'"
    return 3
  fi
  echo "flink: not running (dir $DIR)"
  return 3
}

stop() {
  echo "flink: stopping (dir $DIR)"
  stop_role "$DIR" taskmanager
  stop_role "$DIR" jobmanager
  rm -rf "$DIR/tmp"
}

start() {
  local t0 cp rest rpc jvm_opts
  t0=$(now_ms)
  if live_pid "$DIR" jobmanager >/dev/null || live_pid "$DIR" taskmanager >/dev/null; then
    status || true
    die "a cluster already runs with --dir $DIR; stop it first"
  fi
  rm -f "$DIR/jobmanager.pid" "$DIR/taskmanager.pid" "$DIR/cluster.env"
  cp=$(classpath)
  rest=$(choose_port "$PORT" "REST")
  rpc=$(free_port)
  [[ "$rpc" != "$rest" ]] || rpc=$(free_port)

  rm -rf "$DIR/conf" "$DIR/tmp" "$DIR/log"
  mkdir -p "$DIR/conf" "$DIR/tmp" "$DIR/log"
  sed -e "s|@REST_PORT@|$rest|g" -e "s|@RPC_PORT@|$rpc|g" -e "s|@SLOTS@|$SLOTS|g" -e "s|@DIR@|$DIR|g" \
      -e "s|@JM_MEMORY@|${FLINK_JM_MEMORY:-1024m}|g" -e "s|@TM_MEMORY@|${FLINK_TM_MEMORY:-2048m}|g" \
      "$CLUSTERS_HOME/flink/conf/flink-conf.yaml" >"$DIR/conf/flink-conf.yaml"
  cp "$CLUSTERS_HOME/flink/conf/log4j.properties" "$DIR/conf/log4j.properties"
  write_env "$DIR" "REST_PORT=$rest" "RPC_PORT=$rpc" "ADDRESS=$LOOPBACK:$rest" "CLASSPATH_FILE=$LIB/flink.classpath"
  jvm_opts=$(sed -n 's/^env\.java\.opts\.all: *//p' "$DIR/conf/flink-conf.yaml")

  local jm_params tm_params
  jm_params=$(resource_params GET_JM_RESOURCE_PARAMS "$cp")
  tm_params=$(resource_params GET_TM_RESOURCE_PARAMS "$cp")
  # shellcheck disable=SC2206
  local common=($jvm_opts "-Djava.io.tmpdir=$DIR/tmp" "-Dlog4j.configurationFile=file:$DIR/conf/log4j.properties"
    "-Dlog4j2.formatMsgNoLookups=true")
  # shellcheck disable=SC2046,SC2206
  start_java "$DIR" jobmanager $(sed -n 1p <<<"$jm_params") "${common[@]}" "-Dlog.file=$DIR/log/jobmanager.log" \
    -cp "$cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$DIR/conf" \
    $(sed -n 2p <<<"$jm_params")
  # shellcheck disable=SC2046,SC2206
  start_java "$DIR" taskmanager $(sed -n 1p <<<"$tm_params") "${common[@]}" "-Dlog.file=$DIR/log/taskmanager.log" \
    -cp "$cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$DIR/conf" \
    $(sed -n 2p <<<"$tm_params")

  local deadline=$(($(now_ms) + TIMEOUT * 1000)) overview role
  while true; do
    for role in jobmanager taskmanager; do
      if ! live_pid "$DIR" "$role" >/dev/null; then
        exit_status "$DIR" "$role"
        log_tails "$DIR" >&2
        stop >/dev/null
        die "the $role exited during start ($EXIT_HOW; logs above, under $DIR/log)"
      fi
    done
    overview=$(http_get "$rest" /overview || true)
    if [[ "$overview" =~ \"taskmanagers\":[[:space:]]*([0-9]+) ]] && ((BASH_REMATCH[1] >= 1)); then
      break
    fi
    if (($(now_ms) > deadline)); then
      log_tails "$DIR" >&2
      stop >/dev/null
      die "no TaskManager registered at http://$LOOPBACK:$rest within ${TIMEOUT}s (logs above, under $DIR/log); stopped"
    fi
    sleep 0.5
  done
  echo "flink: http://$LOOPBACK:$rest (started in $(elapsed_s "$t0") s; jobmanager pid $(<"$DIR/jobmanager.pid"), taskmanager pid $(<"$DIR/taskmanager.pid"), dir $DIR)"
}

case "$cmd" in
  start) DIR=$(abs_dir "$DIR"); mkdir -p "$DIR"; start ;;
  stop) DIR=$(abs_dir "$DIR"); stop ;;
  status) DIR=$(abs_dir "$DIR"); status ;;
  prepare) classpath >/dev/null && echo "flink: class path in $LIB/flink.classpath" ;;
  *) die "usage: $SCRIPT_NAME start|stop|status|prepare [--dir DIR] [--port PORT] [--slots N] [--timeout S]" ;;
esac
