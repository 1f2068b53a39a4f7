#!/usr/bin/env bash
# jtls proxy against HAProxy and nginx on one loopback scenario, into benchmarks/RESULTS-proxy.md.
#
# The same for the three proxies: one nginx static back end (/small: 128 bytes, /64k: 65,536 bytes,
# keep-alive), the same certificates (ECDSA P-256 and RSA-2048, made here with openssl in a temp
# dir), TLS 1.2 only, one suite per certificate (ECDHE-ECDSA-AES128-GCM-SHA256 /
# ECDHE-RSA-AES128-GCM-SHA256), the same number of workers (jtls `workers:`, HAProxy `nbthread`,
# nginx `worker_processes`). One proxy runs at a time. Rows: keep-alive requests/s and p50/p99 (wrk
# --latency), full handshakes/s (parallel `openssl s_time -new`), resumed handshakes/s by session id
# (the client offers no ticket: OpenSSL `Options = -SessionTicket`) and by ticket (`s_time -reuse`),
# the proxy's CPU per handshake (/proc/PID/stat, summed over its processes), and memory with N idle
# TLS connections (RSS of all its processes; for jtls also the heap after a full GC, via jcmd).
#
# Usage (from anywhere):
#   bash benchmarks/proxy/run.sh                  # the full comparison (~6 min); installs haproxy,
#                                                 #   nginx, wrk with apt-get when missing
#   bash benchmarks/proxy/run.sh --smoke          # one tiny round, jtls proxy only (a Java back end;
#                                                 #   needs only openssl and wrk); writes
#                                                 #   benchmarks/target/RESULTS-proxy-smoke.md
#   options: --seconds N (each measured run, default 10) --workers N (default: the cores)
#            --idle N (idle connections, default 10000) --note TEXT (the status line)
# Environment: JAVA_HOME picks the JDK; SKIP_BUILD=1 reuses the jars; RESULTS_MD overrides the
# output; JTLS_CP and BENCH_CP override the class paths of the proxy (dev.jtls.cli.Main) and of the
# helpers (dev.jtls.bench.proxy.*) — the CI smoke test passes its own class path.
set -euo pipefail

cd "$(dirname "$0")/../.."
command="bash benchmarks/proxy/run.sh$(printf ' %q' "$@")"
smoke=0
seconds=10
warmup=5
idle=10000
workers=$(nproc)
hs_clients=4
wrk_conns=50
note=""
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) smoke=1; seconds=1; warmup=2; idle=100; hs_clients=2; wrk_conns=8 ;;
        --seconds) seconds=$2; shift ;;
        --workers) workers=$2; shift ;;
        --idle) idle=$2; shift ;;
        --note) note=$2; shift ;;
        *) echo "run.sh: unknown option $1 (see the header of this script)" >&2; exit 2 ;;
    esac
    shift
done

if [ "$smoke" = 1 ]; then
    out="${RESULTS_MD:-benchmarks/target/RESULTS-proxy-smoke.md}"
    proxies=(jtls)
else
    out="${RESULTS_MD:-benchmarks/RESULTS-proxy.md}"
    proxies=(jtls haproxy nginx)
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jcmd="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"

need() { command -v "$1" >/dev/null 2>&1; }
install_missing() {
    # The benchmark's own step, never the default test run.
    local missing=()
    for t in "$@"; do need "$t" || missing+=("$t"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "run.sh: installing ${missing[*]} with apt-get" >&2
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}"
}
for t in openssl wrk; do
    if [ "$smoke" = 1 ] && ! need "$t"; then
        echo "run.sh --smoke: '$t' is not installed (apt-get install $t)" >&2; exit 3
    fi
done
[ "$smoke" = 1 ] || install_missing haproxy nginx wrk openssl
PATH="$PATH:/usr/sbin"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    mvn -B -q -ntp -DskipTests package -pl tls-cli,benchmarks -am
fi
JTLS_CP="${JTLS_CP:-tls-cli/target/jtls.jar}"
BENCH_CP="${BENCH_CP:-benchmarks/target/benchmarks.jar}"
ulimit -n "$(ulimit -Hn)" || true

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jtls-proxy-bench.XXXXXX")
# nginx's workers drop to an unprivileged user when started as root: they must reach the files.
chmod 755 "$tmp"
tsv=$tmp/measurements.tsv
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null || true
    done
    [ "${KEEP_TMP:-0}" = 1 ] && echo "run.sh: kept $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT
meta() { printf 'meta\t%s\t%s\n' "$1" "$2" >>"$tsv"; }
cmd() { printf 'cmd\t%s\n' "$*" >>"$tsv"; }
row() { printf 'row\t%s\t%s\t%s\n' "$1" "$2" "$3" >>"$tsv"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
}
wait_port() {
    for _ in $(seq 1 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null && break
        sleep 0.1
    done
    echo "run.sh: nothing listens on 127.0.0.1:$1 after 30 s ($2)" >&2
    [ -f "$tmp/$2.log" ] && tail -20 "$tmp/$2.log" >&2
    exit 4
}

# --- certificates, back end --------------------------------------------------------------------
cd "$tmp"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout ec.key -out ec.pem 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout rsa.key -out rsa.pem 2>/dev/null
cat ec.pem ec.key >ec.combined.pem
cat rsa.pem rsa.key >rsa.combined.pem
cat ec.pem rsa.pem >ca.pem
# Resumption by session id: the client offers no ticket (s_time has no -no_ticket).
cat >no-ticket.cnf <<EOF
openssl_conf = conf
[conf]
ssl_conf = ssl
[ssl]
system_default = sys
[sys]
Options = -SessionTicket
EOF
cd - >/dev/null
mkdir -p "$tmp/www" "$tmp/nginx-be" "$tmp/nginx-px"
head -c 128 /dev/zero | tr '\0' x >"$tmp/www/small"
head -c 65536 /dev/zero | tr '\0' x >"$tmp/www/64k"

# What both nginx instances need to run unprivileged from a directory of their own: $1 the directory,
# $2 worker processes, $3 connections per worker; the http block goes on from here.
nginx_head() {
    cat <<EOF
worker_processes $2;
worker_rlimit_nofile 30000;
daemon off;
pid $1/nginx.pid;
error_log $1/error.log warn;
events { worker_connections $3; }
http {
    access_log off;
    client_body_temp_path $1/body; proxy_temp_path $1/proxy;
    fastcgi_temp_path $1/fcgi; uwsgi_temp_path $1/uwsgi; scgi_temp_path $1/scgi;
    keepalive_timeout 3600s; keepalive_requests 100000000;
EOF
}

backend=$(free_port)
if [ "$smoke" = 1 ]; then
    "$java" -cp "$BENCH_CP" dev.jtls.bench.proxy.StaticBackend "$backend" 4 >"$tmp/backend.log" 2>&1 &
    pids+=($!)
    meta scenario "smoke: in-process Java back end (com.sun.net.httpserver), jtls proxy only"
else
    { nginx_head "$tmp/nginx-be" 1 4096; cat <<EOF; } >"$tmp/nginx-be/nginx.conf"
    server { listen 127.0.0.1:$backend; root $tmp/www; location / { } }
}
EOF
    nginx -e "$tmp/nginx-be/error.log" -p "$tmp/nginx-be" -c "$tmp/nginx-be/nginx.conf" >"$tmp/backend.log" 2>&1 &
    pids+=($!)
    meta scenario "nginx static back end (1 worker; /small 128 B, /64k 65,536 B; keep-alive), one proxy at a time, $workers workers each"
fi
wait_port "$backend" backend

meta command "$command"
meta status "${note:-indicative: shared machine, load $(load) at start; rerun on a quiet machine for figures}"
meta date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta machine "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
meta load_start "$(load)"
meta jdk "$("$java" -version 2>&1 | head -1)"
meta jtls "$(git log -1 --format='%h %cs' 2>/dev/null || echo unknown)"
meta openssl "$(openssl version)"
meta wrk "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
meta workers "$workers"
if [ "$smoke" != 1 ]; then
    meta haproxy "$(haproxy -v | head -1)"
    meta nginx "$(nginx -v 2>&1)"
fi

# --- the three proxies --------------------------------------------------------------------------
start_jtls() {
    cat >"$tmp/jtls.yaml" <<EOF
workers: $workers
access_log: off
listeners:
$(for kind in ec rsa; do
    if [ $kind = ec ]; then port=$port_ec; suite=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    else port=$port_rsa; suite=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256; fi
    cat <<EOL
  - name: $kind
    bind: 127.0.0.1:$port
    mode: http
    tls:
      certificates: [{cert: $tmp/$kind.pem, key: $tmp/$kind.key, names: [localhost]}]
      suites: [$suite]
      strict_sni: false
    routes: [{path: /, pool: web}]
    timeouts: {handshake: 30s, request_header: 10m, idle: 1h}
    max_connections: 1000000
EOL
done)
pools:
  web:
    policy: round_robin
    backends: [{address: 127.0.0.1:$backend}]
    health: {type: none}
    keep_alive: {max_idle: 256, max_per_backend: 1024, idle_timeout: 30s}
EOF
    local opts=(-Xms512m -Xmx1g -XX:+UseG1GC)
    [ -n "${PROFILE_JFR:-}" ] && opts+=("-XX:StartFlightRecording=filename=$PROFILE_JFR,settings=profile")
    cmd "$java ${opts[*]} -cp $JTLS_CP dev.jtls.cli.Main proxy --config jtls.yaml   # jtls proxy (jtls proxy --config)"
    "$java" "${opts[@]}" -cp "$JTLS_CP" dev.jtls.cli.Main proxy --config "$tmp/jtls.yaml" >"$tmp/jtls.log" 2>&1 &
    proxy_pid=$!
}
start_haproxy() {
    cat >"$tmp/haproxy.cfg" <<EOF
global
    nbthread $workers
    # HAProxy reserves two FDs per connection (client and server side): under a low ulimit -n it holds
    # fewer idle clients than asked (the "idle TLS connections held" row says how many).
    maxconn $(( idle + 100 < ($(ulimit -n) - 250) / 2 ? idle + 100 : ($(ulimit -n) - 250) / 2 ))
    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256
    ssl-default-bind-options ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.2
    tune.ssl.cachesize 100000
defaults
    mode http
    option http-keep-alive
    http-reuse always
    timeout connect 5s
    timeout client 1h
    timeout server 30s
    timeout http-request 1h
    timeout http-keep-alive 1h
frontend ec
    bind 127.0.0.1:$port_ec ssl crt $tmp/ec.combined.pem
    default_backend web
frontend rsa
    bind 127.0.0.1:$port_rsa ssl crt $tmp/rsa.combined.pem
    default_backend web
backend web
    server b1 127.0.0.1:$backend
EOF
    cmd "haproxy -db -f haproxy.cfg   # HAProxy"
    haproxy -db -f "$tmp/haproxy.cfg" >"$tmp/haproxy.log" 2>&1 &
    proxy_pid=$!
}
start_nginx() {
    { nginx_head "$tmp/nginx-px" "$workers" 15000; cat <<EOF; } >"$tmp/nginx-px/nginx.conf"
    client_header_timeout 3600s;
    ssl_protocols TLSv1.2;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256;
    ssl_session_cache shared:SSL:50m;
    ssl_session_tickets on;
    upstream web { server 127.0.0.1:$backend; keepalive 256; }
    server { listen 127.0.0.1:$port_ec ssl; ssl_certificate $tmp/ec.pem; ssl_certificate_key $tmp/ec.key;
        location / { proxy_pass http://web; proxy_http_version 1.1; proxy_set_header Connection ""; } }
    server { listen 127.0.0.1:$port_rsa ssl; ssl_certificate $tmp/rsa.pem; ssl_certificate_key $tmp/rsa.key;
        location / { proxy_pass http://web; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
EOF
    cmd "nginx -p . -c nginx.conf   # nginx (master + $workers workers)"
    nginx -e "$tmp/nginx-px/error.log" -p "$tmp/nginx-px" -c "$tmp/nginx-px/nginx.conf" >"$tmp/nginx.log" 2>&1 &
    proxy_pid=$!
}

# The proxy's processes: the one started and its children (nginx's workers).
proxy_pids() { echo "$proxy_pid" $(pgrep -P "$proxy_pid" 2>/dev/null || true); }
cpu_ticks() {
    local sum=0 p
    for p in $(proxy_pids); do
        [ -r "/proc/$p/stat" ] || continue
        # Fields 14 and 15 (utime, stime) after the ")" that ends the command name.
        set -- $(sed 's/^.*) //' "/proc/$p/stat")
        sum=$((sum + ${12} + ${13}))
    done
    echo "$sum"
}
rss_mb() {
    local kb=0 p
    for p in $(proxy_pids); do
        kb=$((kb + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)))
    done
    awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }'
}
heap_mb() {
    "$jcmd" "$proxy_pid" GC.run >/dev/null
    "$jcmd" "$proxy_pid" GC.heap_info | grep -m1 -o 'used [0-9]*K' | awk '{ printf "%.1f", $2 / 1024 }'
}

# wrk: requests/s, p50 and p99 in ms, errors.
wrk_row() {
    local name=$1 path=$2 f=$tmp/wrk-$1-$2.out
    # Warm-up until requests go through (a cold JVM on a loaded machine takes seconds for the first).
    for _ in 1 2 3 4 5; do
        wrk -t "$workers" -c "$wrk_conns" -d "${warmup}s" "https://127.0.0.1:$port_ec/$path" 2>&1 |
            grep -qE '^ +[1-9][0-9]* requests in' && break
    done
    cmd "wrk -t $workers -c $wrk_conns -d ${seconds}s --latency https://127.0.0.1:PORT_ECDSA/$path"
    wrk -t "$workers" -c "$wrk_conns" -d "${seconds}s" --latency "https://127.0.0.1:$port_ec/$path" >"$f" 2>&1
    local key=ka_small; [ "$path" = 64k ] && key=ka_64k
    row "$name" "${key}_rps" "$(awk '/^Requests\/sec/ { print $2 }' "$f")"
    row "$name" "${key}_p50_ms" "$(awk '$1 == "50%" { print $2 }' "$f" | to_ms)"
    row "$name" "${key}_p99_ms" "$(awk '$1 == "99%" { print $2 }' "$f" | to_ms)"
    local errors
    grep -q '^Requests/sec' "$f" || { echo "run.sh: wrk failed against $name:" >&2; cat "$f" >&2; }
    errors=$(awk '/Socket errors/ { gsub(",", ""); s += $4 + $6 + $8 + $10 } /Non-2xx/ { s += $5 } END { print s + 0 }' "$f")
    wrk_errors=$((wrk_errors + errors))
}
to_ms() { sed -E 's/([0-9.]+)us$/\1 0.001/; s/([0-9.]+)ms$/\1 1/; s/([0-9.]+)s$/\1 1000/' | awk '{ printf "%.3f", $1 * $2 }'; }

# Parallel openssl s_time: handshakes per second over all clients, checked to be new or resumed.
stime_row() {
    local name=$1 metric=$2 port=$3 suite=$4 mode=$5 conf=${6:-} i total=0 marks=0 mark='*'
    [ "$mode" = reuse ] && mark=r
    local before after
    before=$(cpu_ticks)
    cmd "${conf:+OPENSSL_CONF=$conf }openssl s_time -connect 127.0.0.1:PORT -$mode -tls1_2 -cipher $suite -time $seconds   # x $hs_clients in parallel"
    local clients=()
    for i in $(seq 1 "$hs_clients"); do
        env ${conf:+OPENSSL_CONF=$tmp/$conf} openssl s_time -connect "127.0.0.1:$port" "-$mode" -tls1_2 -cipher "$suite" \
            -time "$seconds" >"$tmp/stime-$i.out" 2>&1 &
        clients+=($!)
    done
    wait "${clients[@]}" || true
    after=$(cpu_ticks)
    for i in $(seq 1 "$hs_clients"); do
        total=$((total + $(grep -m1 -oE '^[0-9]+ connections in' "$tmp/stime-$i.out" | cut -d' ' -f1 || echo 0)))
        marks=$((marks + $( (grep -E '^[*r]+$' "$tmp/stime-$i.out" || true) | tr -cd "$mark" | wc -c)))
    done
    if [ "$total" -eq 0 ] || [ "$marks" -lt $((total * 9 / 10)) ]; then
        echo "run.sh: $name $metric: $total connections, $marks marked '$mark' (expected nearly all)" >&2
        tail -5 "$tmp/stime-1.out" >&2
    fi
    row "$name" "$metric" "$(awk -v n="$total" -v s="$seconds" 'BEGIN { printf "%.1f", n / s }')"
    if [ "$mode" = reuse ]; then
        row "$name" "${metric%_hps}_pct" "$(awk -v m="$marks" -v n="$total" 'BEGIN { if (n > 0) printf "%.1f", 100 * m / n; else print 0 }')"
    fi
    hs_cpu_ms=$(awk -v t=$((after - before)) -v n="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n; else print 0 }')
}

idle_row() {
    local name=$1
    [ "$name" = jtls ] && row "$name" idle_base_heap_mb "$(heap_mb)"
    local base_rss
    base_rss=$(rss_mb)
    cmd "java -Xmx2g -cp BENCH_CP dev.jtls.bench.proxy.IdleTlsClients 127.0.0.1 PORT_ECDSA $idle ca.pem 8"
    mkfifo "$tmp/idle.in"
    "$java" -Xmx2g -cp "$BENCH_CP" dev.jtls.bench.proxy.IdleTlsClients 127.0.0.1 "$port_ec" "$idle" "$tmp/ca.pem" 8 \
        <"$tmp/idle.in" >"$tmp/idle.out" 2>"$tmp/idle.err" &
    local client=$!
    exec 5>"$tmp/idle.in"
    for _ in $(seq 1 1200); do
        grep -q '^ready' "$tmp/idle.out" 2>/dev/null && break
        sleep 0.5
    done
    local held
    held=$(awk '/^ready/ { print $2 }' "$tmp/idle.out")
    row "$name" idle_conns "${held:-0}"
    sleep 1
    local rss
    rss=$(rss_mb)
    row "$name" idle_rss_mb "$rss"
    row "$name" idle_rss_kb_per_conn "$(awk -v r="$rss" -v b="$base_rss" -v n="${held:-0}" 'BEGIN { if (n > 0) printf "%.1f", (r - b) * 1024 / n; else print 0 }')"
    if [ "$name" = jtls ]; then
        row "$name" idle_heap_mb "$(heap_mb)"
        # Where the idle connections' heap goes (after the full GC heap_mb ran).
        printf 'note\t%s\n' "jcmd PID GC.class_histogram with $held idle connections (top classes):" >>"$tsv"
        "$jcmd" "$proxy_pid" GC.class_histogram | sed -n '1,18p' | sed 's/^/note\t/' >>"$tsv"
    fi
    exec 5>&-
    wait "$client" 2>/dev/null || true
    rm -f "$tmp/idle.in"
}

for name in "${proxies[@]}"; do
    echo "run.sh: $name (load $(load))" >&2
    port_ec=$(free_port)
    port_rsa=$(free_port)
    "start_$name"
    wait_port "$port_ec" "$name" "$proxy_pid"
    wait_port "$port_rsa" "$name" "$proxy_pid"
    wrk_errors=0
    wrk_row "$name" small
    wrk_row "$name" 64k
    row "$name" ka_errors "$wrk_errors"
    stime_row "$name" full_ecdsa_hps "$port_ec" ECDHE-ECDSA-AES128-GCM-SHA256 new
    row "$name" cpu_ms_full_ecdsa "$hs_cpu_ms"
    stime_row "$name" full_rsa_hps "$port_rsa" ECDHE-RSA-AES128-GCM-SHA256 new
    row "$name" cpu_ms_full_rsa "$hs_cpu_ms"
    stime_row "$name" resumed_id_hps "$port_ec" ECDHE-ECDSA-AES128-GCM-SHA256 reuse no-ticket.cnf
    stime_row "$name" resumed_ticket_hps "$port_ec" ECDHE-ECDSA-AES128-GCM-SHA256 reuse
    row "$name" cpu_ms_resumed_ticket "$hs_cpu_ms"
    idle_row "$name"
    kill "$proxy_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$proxy_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$proxy_pid" 2>/dev/null || true
    wait "$proxy_pid" 2>/dev/null || true
done
meta load_end "$(load)"

mkdir -p "$(dirname "$out")"
"$java" -cp "$BENCH_CP" dev.jtls.bench.proxy.ProxyReport "$tsv" "$out"
echo "run.sh: wrote $out" >&2
