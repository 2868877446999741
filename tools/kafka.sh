#!/usr/bin/env bash
# tools/kafka.sh - run a throw-away single-node Apache Kafka 4.x broker (KRaft,
# combined broker+controller) on 127.0.0.1 for newswire development and tests.
#
# Usage:
#   tools/kafka.sh [options] start|stop|restart|status|topics|logs
#   tools/kafka.sh [options] run-class MAIN_CLASS [ARGS...]
#
# Commands:
#   start      fetch Kafka with mvn on first use, format KRaft storage once,
#              start the broker in the background, wait until it answers and
#              create the newswire topics (idempotent: if the broker is already
#              running it only makes sure the topics exist).
#   stop       SIGTERM, wait up to 30 s, then SIGKILL. No-op when not running.
#   restart    stop + start.
#   status     print "running ..." (exit 0) or "stopped" (exit 3).
#   topics     describe the (non-internal) topics with their partition counts.
#   logs       tail the broker log (-n N lines, -f to follow).
#   run-class  run any class from the Kafka classpath with the CLI JVM options,
#              e.g. run-class org.apache.kafka.tools.ConsoleProducer \
#                     --bootstrap-server 127.0.0.1:9092 --topic newswire.raw
#
# Options (may appear before or after the command):
#   --port N             PLAINTEXT port                (env KAFKA_PORT, default 9092)
#   --controller-port N  KRaft controller port         (env KAFKA_CONTROLLER_PORT, default port+1000)
#   --data-dir DIR       data/log/pid directory        (env NEWSWIRE_KAFKA_DATA,
#                        default $NEWSWIRE_CACHE/kafka-data-<port>)
#   -n N / -f            for `logs`: number of lines / follow
#
# Other environment:
#   NEWSWIRE_CACHE               cache root (default ~/.cache/newswire); jars go to
#                                $NEWSWIRE_CACHE/kafka-<version>/libs
#   NEWSWIRE_KAFKA_VERSION       Kafka version to fetch (default 4.1.1; 4.0.x-4.4.0 exist)
#   KAFKA_HEAP_OPTS              broker heap (default "-Xms256m -Xmx512m")
#   NEWSWIRE_KAFKA_START_TIMEOUT seconds to wait for the broker (default 60)
#   NEWSWIRE_KAFKA_STOP_TIMEOUT  seconds before SIGKILL (default 30)
#   NEWSWIRE_RAW_TOPIC / NEWSWIRE_RAW_PARTITIONS          default newswire.raw / 3
#   NEWSWIRE_STORIES_TOPIC / NEWSWIRE_STORIES_PARTITIONS  default newswire.stories / 1
#   NEWSWIRE_DLQ_TOPIC / NEWSWIRE_DLQ_PARTITIONS          default newswire.dlq / 1
#   NEWSWIRE_KAFKA_TOPICS        if set, replaces the topic list: "name:partitions ..."
#   NEWSWIRE_KAFKA_EXTRA_CONFIG  properties file appended to the broker config
#
# Several brokers can run side by side: each port gets its own data dir, pid
# file and controller port. Everything listens on 127.0.0.1 only.
#
# Requires java (17+) always and mvn (Maven Central) for the first fetch.
# Main classes: kafka.Kafka (broker), kafka.tools.StorageTool (format),
# org.apache.kafka.tools.TopicCommand (topics).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_SUPPORT_DIR="$SCRIPT_DIR/kafka"   # <repo>/tools/kafka: pom.xml + log4j2 configs

KAFKA_VERSION="${NEWSWIRE_KAFKA_VERSION:-4.1.1}"
CACHE_ROOT="${NEWSWIRE_CACHE:-$HOME/.cache/newswire}"
KAFKA_DIST="$CACHE_ROOT/kafka-$KAFKA_VERSION"
LIBS_DIR="$KAFKA_DIST/libs"
START_TIMEOUT="${NEWSWIRE_KAFKA_START_TIMEOUT:-60}"
STOP_TIMEOUT="${NEWSWIRE_KAFKA_STOP_TIMEOUT:-30}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
HOST=127.0.0.1

BROKER_MAIN=kafka.Kafka
STORAGE_MAIN=kafka.tools.StorageTool
TOPIC_MAIN=org.apache.kafka.tools.TopicCommand

# JVM flags for the short-lived CLI tools: small heap, C1 only, CDS on.
TOOL_JVM_OPTS=(-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto
  -Djava.awt.headless=true "-Dlog4j2.configurationFile=$KAFKA_SUPPORT_DIR/log4j2-tools.properties")

log() { printf 'kafka.sh: %s\n' "$*" >&2; }
die() { printf 'kafka.sh: error: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

# ---------------------------------------------------------------- arguments
CMD=""
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-}"
DATA_DIR="${NEWSWIRE_KAFKA_DATA:-}"
LOG_LINES=100
LOG_FOLLOW=0
EXTRA_ARGS=()
while (($#)); do
  if [[ $CMD == run-class ]]; then EXTRA_ARGS+=("$1"); shift; continue; fi
  case "$1" in
    --port) PORT="${2:?--port needs a value}"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --controller-port) CONTROLLER_PORT="${2:?--controller-port needs a value}"; shift 2 ;;
    --controller-port=*) CONTROLLER_PORT="${1#*=}"; shift ;;
    --data-dir) DATA_DIR="${2:?--data-dir needs a value}"; shift 2 ;;
    --data-dir=*) DATA_DIR="${1#*=}"; shift ;;
    -n|--lines) LOG_LINES="${2:?-n needs a value}"; shift 2 ;;
    -f|--follow) LOG_FOLLOW=1; shift ;;
    -h|--help|help) usage; exit 0 ;;
    start|stop|restart|status|topics|logs|run-class)
      [[ -z $CMD ]] || die "only one command allowed (got '$CMD' and '$1')"
      CMD="$1"; shift ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ -n $CMD ]] || { usage >&2; exit 2; }
valid_port() { [[ $1 =~ ^[0-9]+$ ]] && (($1 > 0 && $1 < 65536)); }
valid_port "$PORT" || die "bad port: $PORT"
CONTROLLER_PORT="${CONTROLLER_PORT:-$((PORT + 1000))}"
valid_port "$CONTROLLER_PORT" || die "bad controller port: $CONTROLLER_PORT"
((CONTROLLER_PORT != PORT)) || die "controller port must differ from port $PORT"
DATA_DIR="${DATA_DIR:-$CACHE_ROOT/kafka-data-$PORT}"
BOOTSTRAP="$HOST:$PORT"

CONF_FILE="$DATA_DIR/server.properties"
ADMIN_CONF="$DATA_DIR/admin.properties"
PID_FILE="$DATA_DIR/kafka.pid"
SERVER_LOG="$DATA_DIR/server.log"    # log4j2 output of the broker
STDOUT_LOG="$DATA_DIR/kafka.out"     # JVM stdout/stderr (crashes, early errors)
KRAFT_DIR="$DATA_DIR/kraft-combined-logs"

# Topics as "name:partitions" (env overrides, see header).
if [[ -n ${NEWSWIRE_KAFKA_TOPICS+set} ]]; then
  read -r -a TOPICS <<<"$NEWSWIRE_KAFKA_TOPICS"
else
  TOPICS=("${NEWSWIRE_RAW_TOPIC:-newswire.raw}:${NEWSWIRE_RAW_PARTITIONS:-3}"
          "${NEWSWIRE_STORIES_TOPIC:-newswire.stories}:${NEWSWIRE_STORIES_PARTITIONS:-1}"
          "${NEWSWIRE_DLQ_TOPIC:-newswire.dlq}:${NEWSWIRE_DLQ_PARTITIONS:-1}")
fi

# ---------------------------------------------------------------- prerequisites
JAVA=""
require_java() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then JAVA="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then JAVA="$(command -v java)"
  else die "java not found: install a JDK/JRE 17+ (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
  fi
  local ver major
  ver="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  major="${ver%%.*}"; [[ $major == 1 ]] && major="$(cut -d. -f2 <<<"$ver")"
  if ! [[ $major =~ ^[0-9]+$ ]] || ((major < 17)); then
    die "Kafka $KAFKA_VERSION needs Java 17+, but $JAVA is version '${ver:-unknown}'"
  fi
}

require_mvn() {
  command -v mvn >/dev/null 2>&1 \
    || die "mvn not found: Maven is needed once to fetch Kafka $KAFKA_VERSION into $LIBS_DIR (Debian: apt-get install maven)"
}

# Fetch kafka_2.13 + kafka-tools + log4j2 and all runtime deps into $LIBS_DIR.
# The marker holds a hash of the pom, so editing the pom triggers a re-fetch.
ensure_libs() {
  local pom="$KAFKA_SUPPORT_DIR/pom.xml" want marker="$KAFKA_DIST/.fetched"
  [[ -f $pom ]] || die "missing $pom"
  want="$(cat "$pom" <(echo "$KAFKA_VERSION") | sha256sum | cut -d' ' -f1)"
  [[ -f $marker && $(<"$marker") == "$want" && -d $LIBS_DIR ]] && return 0

  require_mvn
  mkdir -p "$KAFKA_DIST"
  exec 9>"$KAFKA_DIST/.lock"
  command -v flock >/dev/null 2>&1 && flock 9     # serialise concurrent first starts
  if [[ -f $marker && $(<"$marker") == "$want" && -d $LIBS_DIR ]]; then exec 9>&-; return 0; fi

  log "fetching Kafka $KAFKA_VERSION and its dependencies with mvn into $LIBS_DIR ..."
  local tmp="$KAFKA_DIST/libs.tmp.$$" mvn_log="$KAFKA_DIST/mvn.log"
  rm -rf "$tmp"
  if ! (cd "$KAFKA_DIST" && mvn -B -q -Dstyle.color=never -f "$pom" \
        "-Dkafka.version=$KAFKA_VERSION" dependency:copy-dependencies \
        -DincludeScope=runtime "-DoutputDirectory=$tmp") >"$mvn_log" 2>&1; then
    tail -n 30 "$mvn_log" >&2
    rm -rf "$tmp"
    die "mvn could not fetch Kafka $KAFKA_VERSION (full log: $mvn_log)"
  fi
  [[ -f $tmp/kafka_2.13-$KAFKA_VERSION.jar && -f $tmp/kafka-tools-$KAFKA_VERSION.jar ]] \
    || { rm -rf "$tmp"; die "mvn finished but kafka jars are missing (log: $mvn_log)"; }
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  echo "$want" >"$marker"
  exec 9>&-
  log "fetched $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars"
}

# Run a Kafka CLI class with the small/fast JVM settings.
kafka_tool() { "$JAVA" "${TOOL_JVM_OPTS[@]}" -cp "$LIBS_DIR/*" "$@"; }

# ---------------------------------------------------------------- process helpers
# Alive = exists, not a zombie, and is the broker of *this* data dir.
pid_is_broker() {
  local pid="$1" state cmdline
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ $state != Z ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ $cmdline == *"$BROKER_MAIN $CONF_FILE"* ]]
}

# Serialise start/stop on one data dir (fd 8 is closed again in the broker).
lock_data_dir() {
  mkdir -p "$DATA_DIR"
  exec 8>"$DATA_DIR/.kafka.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w 120 8 || die "timed out waiting for another kafka.sh on $DATA_DIR"
  fi
}

# Prints the pid and returns 0 if the broker of this data dir runs; cleans stale pid files.
running_pid() {
  [[ -f $PID_FILE ]] || return 1
  local pid; pid="$(<"$PID_FILE")"
  if pid_is_broker "$pid"; then echo "$pid"; return 0; fi
  rm -f "$PID_FILE"
  return 1
}

tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }

configured_port() { sed -n "s|^advertised.listeners=PLAINTEXT://$HOST:\([0-9]*\)$|\1|p" "$CONF_FILE" 2>/dev/null; }

show_failure_logs() {
  local f
  for f in "$STDOUT_LOG" "$SERVER_LOG"; do
    [[ -s $f ]] || continue
    printf '\n----- last lines of %s -----\n' "$f" >&2
    tail -n 40 "$f" >&2
  done
}

# Kafka wants a cluster id that is a base64url (no padding) encoded 16-byte UUID.
new_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ ${#id} -eq 22 && $id != -* ]] && { echo "$id"; return; }
  done
}

write_config() {
  cat >"$CONF_FILE" <<EOF
# Generated by tools/kafka.sh on every start - edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KRAFT_DIR
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Scraped pages and agency packages can be large: accept records up to 16 MiB
# (ingestd sends larger ones nowhere; it refuses them into the DLQ by size).
message.max.bytes=16777216
replica.fetch.max.bytes=16777216
log.retention.ms=-1
log.retention.bytes=-1
# The log cleaner (compacted internal topics only here) takes its dedupe
# buffer from the heap for good: 128 MiB by default, which kept the old
# generation above G1's marking threshold and a core busy with concurrent
# marking (6% of a 2-core machine) under load.
log.cleaner.dedupe.buffer.size=16777216
EOF
  if [[ -n ${NEWSWIRE_KAFKA_EXTRA_CONFIG:-} ]]; then
    [[ -f $NEWSWIRE_KAFKA_EXTRA_CONFIG ]] || die "NEWSWIRE_KAFKA_EXTRA_CONFIG: no such file: $NEWSWIRE_KAFKA_EXTRA_CONFIG"
    { echo "# from $NEWSWIRE_KAFKA_EXTRA_CONFIG"; cat "$NEWSWIRE_KAFKA_EXTRA_CONFIG"; } >>"$CONF_FILE"
  fi
  # Admin client settings for TopicCommand: fail fast instead of the 60 s default.
  printf 'request.timeout.ms=10000\ndefault.api.timeout.ms=15000\n' >"$ADMIN_CONF"
}

# ---------------------------------------------------------------- topics
# Prints the existing topic names (one call to the broker).
list_topics() {
  kafka_tool "$TOPIC_MAIN" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONF" --list
}

# Creates the configured topics missing from the list given on stdin.
ensure_topics() {
  local existing spec name parts
  existing="$(cat)"
  for spec in "${TOPICS[@]}"; do
    name="${spec%%:*}"; parts="${spec##*:}"
    [[ -n $name && $parts =~ ^[0-9]+$ && $spec == *:* ]] || die "bad topic spec '$spec' (want name:partitions)"
    if grep -qxF -- "$name" <<<"$existing"; then continue; fi
    log "creating topic $name ($parts partitions)"
    kafka_tool "$TOPIC_MAIN" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONF" \
      --create --if-not-exists --topic "$name" --partitions "$parts" --replication-factor 1 >/dev/null \
      || die "could not create topic $name"
    wait_partitions "$name" "$parts"
  done
}

# Waits until every partition of a new topic answers an offsets query on its
# leader. The controller confirms a topic before its broker has loaded the
# partitions, and records produced in between can be acknowledged yet never
# stored (librdkafka's idempotent producer restarts a partition's sequence
# when it reappears).
wait_partitions() {
  local name="$1" parts="$2" p queries=() deadline=$((SECONDS + 30))
  command -v kcat >/dev/null || return 0
  for ((p = 0; p < parts; p++)); do queries+=(-t "$name:$p:-1"); done
  until kcat -b "$BOOTSTRAP" -m 5 -Q "${queries[@]}" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "topic $name: partitions not ready after 30 s"
    sleep 0.2
  done
}

# ---------------------------------------------------------------- commands
cmd_start() {
  local pid
  require_java
  lock_data_dir
  if pid="$(running_pid)"; then
    local cport; cport="$(configured_port)"
    [[ -z $cport || $cport == "$PORT" ]] \
      || die "the broker of $DATA_DIR (pid $pid) runs on port $cport, not $PORT"
    ensure_libs
    [[ -f $ADMIN_CONF ]] || printf 'request.timeout.ms=10000\ndefault.api.timeout.ms=15000\n' >"$ADMIN_CONF"
    local existing
    existing="$(list_topics)" || die "broker (pid $pid) runs but does not answer on $BOOTSTRAP"
    ensure_topics <<<"$existing"
    echo "kafka already running (pid $pid) on $BOOTSTRAP; topics ensured"
    return 0
  fi

  ensure_libs
  tcp_open "$PORT" && die "port $PORT on $HOST is already in use by another process"
  tcp_open "$CONTROLLER_PORT" && die "controller port $CONTROLLER_PORT on $HOST is already in use (set --controller-port)"

  write_config
  if [[ ! -f $KRAFT_DIR/meta.properties ]]; then
    local cluster_id; cluster_id="$(new_cluster_id)"
    log "formatting KRaft storage in $KRAFT_DIR (cluster id $cluster_id)"
    kafka_tool "$STORAGE_MAIN" format --cluster-id "$cluster_id" --config "$CONF_FILE" \
      --ignore-formatted >"$DATA_DIR/format.log" 2>&1 \
      || { cat "$DATA_DIR/format.log" >&2; die "formatting storage failed"; }
  fi

  # Launch detached. The inner bash records its own pid (the one java execs into),
  # which stays correct whether or not setsid has to fork, and closes every
  # inherited fd above 2 (our lock, a test harness's pipes) so callers never hang.
  : >"$STDOUT_LOG"
  # shellcheck disable=SC2016,SC2086 # inner script is single-quoted on purpose; HEAP_OPTS is a flag list
  setsid bash -c 'echo $$ >"$1"; shift
    for fd in /proc/$$/fd/*; do fd=${fd##*/}; ((fd > 2)) && eval "exec $fd>&-"; done 2>/dev/null
    exec "$@"' _ "$PID_FILE" \
    "$JAVA" $HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent \
    -Djava.awt.headless=true "-Dkafka.logs.dir=$DATA_DIR" \
    "-Dlog4j2.configurationFile=$KAFKA_SUPPORT_DIR/log4j2.properties" \
    -cp "$LIBS_DIR/*" "$BROKER_MAIN" "$CONF_FILE" \
    </dev/null >>"$STDOUT_LOG" 2>&1 &
  disown 2>/dev/null || true

  # Wait for the port, then for a real metadata answer (TopicCommand --list).
  local deadline=$((SECONDS + START_TIMEOUT)) existing="" ok=0
  while ((SECONDS < deadline)); do
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    if [[ -n $pid ]] && ! pid_is_broker "$pid"; then
      rm -f "$PID_FILE"; show_failure_logs; die "broker exited during startup (log: $SERVER_LOG)"
    fi
    if [[ -n $pid ]] && tcp_open "$PORT"; then
      if existing="$(list_topics 2>>"$DATA_DIR/admin-errors.log")"; then ok=1; break; fi
    fi
    sleep 0.3
  done
  if ((ok == 0)); then
    show_failure_logs
    die "broker did not answer on $BOOTSTRAP within ${START_TIMEOUT}s (still running as pid ${pid:-?}; log: $SERVER_LOG)"
  fi
  ensure_topics <<<"$existing"
  echo "kafka started (pid $pid) on $BOOTSTRAP, controller $HOST:$CONTROLLER_PORT"
  echo "  data: $DATA_DIR"
  echo "  log:  $SERVER_LOG"
}

cmd_stop() {
  local pid
  lock_data_dir
  if ! pid="$(running_pid)"; then echo "kafka not running ($DATA_DIR)"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while pid_is_broker "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if pid_is_broker "$pid"; then
    log "broker (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    local tries=50
    while pid_is_broker "$pid" && ((tries-- > 0)); do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  echo "kafka stopped (was pid $pid on $BOOTSTRAP)"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running (pid $pid, $BOOTSTRAP, data $DATA_DIR)"
    return 0
  fi
  echo "stopped ($BOOTSTRAP, data $DATA_DIR)"
  return 3
}

cmd_topics() {
  running_pid >/dev/null || { echo "stopped ($BOOTSTRAP)"; return 3; }
  require_java; ensure_libs
  [[ -f $ADMIN_CONF ]] || printf 'request.timeout.ms=10000\ndefault.api.timeout.ms=15000\n' >"$ADMIN_CONF"
  local out
  out="$(kafka_tool "$TOPIC_MAIN" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONF" \
           --describe --exclude-internal)" || die "describe failed"
  # Keep only the per-topic summary lines: "Topic: x  TopicId: ..  PartitionCount: n ..."
  awk -F'\t' '/PartitionCount:/ {
      name=""; parts=""; rf="";
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^Topic: /) name = substr($i, 8);
        else if ($i ~ /^PartitionCount: /) parts = substr($i, 17);
        else if ($i ~ /^ReplicationFactor: /) rf = substr($i, 20);
      }
      printf "%-40s partitions=%s replication=%s\n", name, parts, rf
    }' <<<"$out" | sort
}

cmd_logs() {
  [[ -f $SERVER_LOG ]] || die "no log yet at $SERVER_LOG"
  echo "==> $SERVER_LOG <==" >&2
  if ((LOG_FOLLOW)); then exec tail -n "$LOG_LINES" -F "$SERVER_LOG"; fi
  tail -n "$LOG_LINES" "$SERVER_LOG"
}

cmd_run_class() {
  ((${#EXTRA_ARGS[@]})) || die "run-class needs a main class"
  require_java; ensure_libs
  kafka_tool "${EXTRA_ARGS[@]}"
}

case "$CMD" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  topics) cmd_topics ;;
  logs) cmd_logs ;;
  run-class) cmd_run_class ;;
esac
