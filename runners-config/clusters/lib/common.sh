# Shared by flink-cluster.sh and spark-cluster.sh (sourced, not run). Bash 4+.
#
# Conventions: every process a script starts is a java process carrying -Dodf.cluster.dir=<its --dir> on its
# command line, and its PID is kept in <dir>/<role>.pid. Stopping only ever signals a PID from such a file whose
# command line still carries that marker, so a PID reused by an unrelated process is never touched.

CLUSTERS_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
LOOPBACK=127.0.0.1

die() {
  echo "$SCRIPT_NAME: $*" >&2
  exit 1
}

# Absolute, normalized form of a directory path (symbolic links resolved; the directory need not exist). The
# marker on the processes' command lines is made of it, so start, stop and status must agree on it.
abs_dir() {
  realpath -m -- "$1"
}

# The java launcher: $JAVA_HOME/bin/java when JAVA_HOME is set, else java on the PATH.
java_cmd() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    command -v java || die "no java: set JAVA_HOME or put java on the PATH"
  fi
}

# Maven as the scripts call it. ODF_MVN overrides the command (e.g. "flock /tmp/odf-mvn.lock mvn"),
# ODF_MVN_ARGS adds arguments (e.g. "-o" to stay offline).
run_mvn() {
  local mvn=(${ODF_MVN:-mvn})
  # shellcheck disable=SC2206
  local extra=(${ODF_MVN_ARGS:-})
  "${mvn[@]}" -q -B -Dstyle.color=never "${extra[@]}" "$@"
}

# Whether something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/$LOOPBACK/$1") 2>/dev/null
}

# A port nobody listens on (random in 20000-59999). The port is not reserved: another process may take it before
# the cluster binds it, in which case the start fails with the port in the log.
free_port() {
  local p i
  for i in $(seq 1 100); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$p"; then
      echo "$p"
      return 0
    fi
  done
  die "found no free port on $LOOPBACK"
}

# Resolves "0" to a free port; checks that a given port is free. $1 = port, $2 = what it is for, $3 = the option
# that sets it (both for messages).
choose_port() {
  local port=$1 what=$2 option=${3:---port}
  [[ "$port" =~ ^[0-9]+$ ]] || die "$what port must be a number, got '$port'"
  if [[ "$port" == 0 ]]; then
    free_port
  elif port_in_use "$port"; then
    die "$what port $LOOPBACK:$port is already in use (another cluster? try '$SCRIPT_NAME status', or $option 0 for a free port)"
  else
    echo "$port"
  fi
}

# Whether $1 is a live process started for cluster directory $2.
is_ours() {
  local pid=$1 dir=$2
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  # grep reads all its input (no -q): with pipefail, an early exit would fail the pipeline with SIGPIPE.
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -xF -- "-Dodf.cluster.dir=$dir" >/dev/null
}

# PID recorded for role $2 in cluster directory $1, if that process is still ours and alive.
live_pid() {
  local dir=$1 role=$2 pid
  [[ -f "$dir/$role.pid" ]] || return 1
  pid=$(<"$dir/$role.pid")
  if is_ours "$pid" "$dir"; then
    echo "$pid"
  else
    return 1
  fi
}

# Stops role $2 of cluster directory $1: SIGTERM, wait up to $GRACE_SECONDS, then SIGKILL. Removes the PID file.
stop_role() {
  local dir=$1 role=$2 pid waited=0
  if pid=$(live_pid "$dir" "$role"); then
    kill -TERM "$pid" 2>/dev/null || true
    while is_ours "$pid" "$dir" && ((waited < GRACE_SECONDS * 10)); do
      sleep 0.1
      waited=$((waited + 1))
    done
    if is_ours "$pid" "$dir"; then
      echo "$SCRIPT_NAME: $role (pid $pid) still running after ${GRACE_SECONDS}s, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      while is_ours "$pid" "$dir"; do sleep 0.1; done
    fi
    echo "  stopped $role (pid $pid)"
  fi
  rm -f "$dir/$role.pid"
}

# Starts a background java process for role $2 in cluster directory $1; the rest are java's arguments.
# stdout and stderr go to <dir>/log/<role>.out; the process gets its own session (setsid) so that a terminal's
# Ctrl-C or a caller's process-group kill does not reach it: only `stop` does.
start_java() {
  local dir=$1 role=$2
  shift 2
  local java
  java=$(java_cmd)
  mkdir -p "$dir/log"
  local launcher=()
  command -v setsid >/dev/null && launcher=(setsid)
  nohup "${launcher[@]}" "$java" "-Dodf.cluster.dir=$dir" "$@" >"$dir/log/$role.out" 2>&1 </dev/null &
  echo $! >"$dir/$role.pid"
}

# How role $2 of cluster directory $1, started by this shell and now gone, ended; sets EXIT_HOW to "exit code N" or
# "killed by SIGNAME". Must run in the shell that started it (not in a $(...) subshell) for `wait` to know it.
exit_status() {
  local pid rc=0
  pid=$(<"$1/$2.pid")
  wait "$pid" 2>/dev/null || rc=$?
  if ((rc > 128)); then
    EXIT_HOW="killed by SIG$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128)))"
  else
    EXIT_HOW="exit code $rc"
  fi
}

# GET http://127.0.0.1:$1$2, body on stdout; fails when nothing answers. curl when present, else bash's /dev/tcp.
http_get() {
  local port=$1 path=$2
  if command -v curl >/dev/null; then
    curl -sf --max-time 3 "http://$LOOPBACK:$port$path"
  else
    local reply
    reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/$LOOPBACK/$port && printf 'GET %s HTTP/1.0\r\nHost: $LOOPBACK\r\n\r\n' '$path' >&3 && cat <&3" 2>/dev/null) || return 1
    [[ "$reply" == "HTTP/1."?" 200"* ]] || return 1
    printf '%s\n' "${reply#*$'\r\n\r\n'}"
  fi
}

# The last lines of each log of cluster directory $1, for error messages.
log_tails() {
  local dir=$1 f
  for f in "$dir"/log/*; do
    [[ -f "$f" ]] || continue
    echo "----- last lines of $f"
    tail -n 25 "$f"
  done
}

# Records key=value pairs ($2...) in <dir>/cluster.env ($1).
write_env() {
  local dir=$1
  shift
  printf '%s\n' "$@" >"$dir/cluster.env"
}

# Value of key $2 in <dir>/cluster.env ($1), empty if absent.
read_env() {
  if [[ -f "$1/cluster.env" ]]; then
    sed -n "s/^$2=//p" "$1/cluster.env" | tail -n 1
  fi
}

# Seconds since the epoch with millisecond precision.
now_ms() {
  date +%s%3N
}

elapsed_s() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100))
}

# ODF_CLUSTER_XTRACE=<file>: trace the script's commands (bash -x) into that file, for debugging.
if [[ -n "${ODF_CLUSTER_XTRACE:-}" ]]; then
  exec {BASH_XTRACEFD}>>"$ODF_CLUSTER_XTRACE"
  set -x
fi
