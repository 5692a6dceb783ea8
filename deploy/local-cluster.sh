#!/usr/bin/env bash
# Haven's cluster on one machine, for a smoke test: PostgreSQL, Redis and nginx from Debian packages,
# two Haven nodes (`java -jar`) behind nginx (round robin, WebSocket upgrade, no sticky sessions), and a
# mail catcher standing in for the SMTP relay. See docs/deployment.md, "Several nodes".
#
#   deploy/local-cluster.sh          start what is not running, then run the smoke test (default)
#   deploy/local-cluster.sh smoke    run the smoke test against the running cluster
#   deploy/local-cluster.sh status   say what runs
#   deploy/local-cluster.sh stop     stop everything this script started (the data stays)
#
# Everything it writes stays under one work directory (HAVEN_CLUSTER_DIR, default target/local-cluster):
# PostgreSQL's data, Redis, nginx's configuration, pid files and temporary files, the nodes' logs, caught
# mail and the generated secrets. Delete that directory (after `stop`) to start afresh. Outside it, only
# missing Debian packages are installed (apt-get, as root); Debian may start its own nginx and Redis
# services when it installs them, on their usual ports, which this script neither uses nor stops.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${HAVEN_CLUSTER_DIR:-$ROOT/target/local-cluster}
LB_PORT=${HAVEN_CLUSTER_LB_PORT:-18080}
read -r -a NODE_PORTS <<<"${HAVEN_CLUSTER_NODE_PORTS:-18081 18082}"
PG_PORT=${HAVEN_CLUSTER_PG_PORT:-15433}
REDIS_PORT=${HAVEN_CLUSTER_REDIS_PORT:-16380}
SMTP_PORT=${HAVEN_CLUSTER_SMTP_PORT:-12525}
# Seconds a node may take to become ready: a first start migrates the schema, and a busy two-core machine
# is slow to start two JVMs at once.
START_TIMEOUT=${HAVEN_CLUSTER_START_TIMEOUT:-600}
BASE_URL="http://127.0.0.1:$LB_PORT"
PG_HOME="$WORK/postgresql"
PG_SOCKET="$WORK/postgresql-socket"
SYSTEM_PYTHON=/usr/bin/python3

say() { printf '%s\n' "$*"; }
fail() {
	printf 'local-cluster: %s\n' "$*" >&2
	exit 1
}

# --- Packages ------------------------------------------------------------------------------------------

pg_bin() {
	local dir
	dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
	[[ -n "$dir" ]] && printf '%s' "$dir"
}

install_missing() {
	local missing=()
	[[ -n "$(pg_bin)" ]] || missing+=(postgresql)
	command -v redis-server >/dev/null || missing+=(redis-server)
	command -v nginx >/dev/null || missing+=(nginx)
	"$SYSTEM_PYTHON" -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
	command -v curl >/dev/null || missing+=(curl)
	command -v openssl >/dev/null || missing+=(openssl)
	command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
	((${#missing[@]} == 0)) && return
	[[ $(id -u) == 0 ]] || fail "missing packages: ${missing[*]} (run as root, or apt-get install them)"
	say "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >"$WORK/apt.log" 2>&1 ||
		{
			apt-get update -q >>"$WORK/apt.log" 2>&1
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$WORK/apt.log" 2>&1
		} || fail "apt-get failed, see $WORK/apt.log"
}

# --- Secrets shared by every node (generated once, kept in the work directory) --------------------------

secrets() {
	local file="$WORK/secrets.env"
	if [[ ! -f "$file" ]]; then
		(
			umask 077
			{
				printf 'DB_PASSWORD=%s\n' "$(openssl rand -hex 16)"
				printf 'HAVEN_CRYPTO_KEYS=k1=%s\n' "$(openssl rand -base64 32)"
				printf 'HAVEN_VISITS_TURN_SECRET=%s\n' "$(openssl rand -hex 24)"
			} >"$file"
		)
	fi
	# shellcheck disable=SC1090
	source "$file"
}

# --- PostgreSQL: its own cluster under the work directory, on its own port -------------------------------

as_postgres() {
	if [[ $(id -u) == 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

psql_admin() {
	as_postgres "$(pg_bin)/psql" -h "$PG_SOCKET" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

start_postgres() {
	local bin
	bin=$(pg_bin)
	mkdir -p "$PG_HOME" "$PG_SOCKET"
	[[ $(id -u) == 0 ]] && chown postgres:postgres "$PG_HOME" "$PG_SOCKET"
	if [[ ! -f "$PG_HOME/PG_VERSION" ]]; then
		as_postgres "$bin/initdb" -D "$PG_HOME" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
			-E UTF8 --locale=C.UTF-8 >"$WORK/postgresql-initdb.log" 2>&1 || fail "initdb failed (run as postgres, which must be able to reach $WORK), see $WORK/postgresql-initdb.log"
	fi
	if ! as_postgres "$bin/pg_ctl" -D "$PG_HOME" status >/dev/null 2>&1; then
		as_postgres "$bin/pg_ctl" -D "$PG_HOME" -l "$PG_HOME/postgresql.log" -w -t 60 \
			-o "-p $PG_PORT -k $PG_SOCKET -c listen_addresses=127.0.0.1" start >/dev/null ||
			fail "PostgreSQL did not start, see $PG_HOME/postgresql.log"
	fi
	if [[ -z "$(psql_admin -c "select 1 from pg_roles where rolname = 'haven'")" ]]; then
		psql_admin -c "create role haven login password '$DB_PASSWORD'"
	fi
	if [[ -z "$(psql_admin -c "select 1 from pg_database where datname = 'haven'")" ]]; then
		psql_admin -c "create database haven owner haven"
	fi
	say "PostgreSQL $(psql_admin -c 'show server_version') on 127.0.0.1:$PG_PORT, database haven"
}

# --- Redis: realtime fan-out between nodes; nothing lives only there, so no persistence ------------------

start_redis() {
	mkdir -p "$WORK/redis"
	if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
		redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$WORK/redis" \
			--pidfile "$WORK/redis/redis.pid" --logfile "$WORK/redis/redis.log" --save '' --appendonly no
		for _ in $(seq 50); do
			redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
			sleep 0.1
		done
	fi
	say "Redis $(redis-cli -p "$REDIS_PORT" info server | sed -n 's/^redis_version:\(.*\)\r$/\1/p') on 127.0.0.1:$REDIS_PORT"
}

# --- The SMTP relay: a mail catcher that keeps every message in a maildir --------------------------------

start_mail() {
	mkdir -p "$WORK/mail"
	if ! alive "$WORK/mail.pid"; then
		setsid "$SYSTEM_PYTHON" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/mail/maildir" \
			>"$WORK/mail/aiosmtpd.log" 2>&1 </dev/null &
		echo $! >"$WORK/mail.pid"
	fi
	say "mail catcher (SMTP) on 127.0.0.1:$SMTP_PORT, messages in $WORK/mail/maildir"
}

# --- nginx: round robin over the nodes, WebSocket upgrade on /ws, no sticky sessions ---------------------

write_nginx_conf() {
	local dir="$WORK/nginx" servers="" port
	mkdir -p "$dir/temp"
	for port in "${NODE_PORTS[@]}"; do
		servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
	done
	cat >"$dir/nginx.conf" <<EOF
# Written by deploy/local-cluster.sh; rewritten at every start.
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log $dir/access.log;
    client_body_temp_path $dir/temp/client_body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;

    upstream haven {
$servers        keepalive 16;
    }
    # "Connection: upgrade" only when the browser asks for an upgrade; otherwise keep-alive to the node.
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      '';
    }
    server {
        listen 127.0.0.1:$LB_PORT;
        # Haven's own limits are 11 MB a file and 21 MB a request (messages' attachments).
        client_max_body_size 21m;
        proxy_http_version 1.1;
        proxy_set_header Host \$http_host;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Forwarded-For \$remote_addr;
        proxy_set_header Upgrade \$http_upgrade;
        proxy_set_header Connection \$connection_upgrade;
        # Which node answered: lets the smoke test see the round robin. Not needed in production.
        add_header X-Haven-Upstream \$upstream_addr always;
        location / {
            proxy_pass http://haven;
        }
        location = /ws {
            proxy_pass http://haven;
            # A chat or a call can stay quiet for long; the pages reconnect if the socket drops anyway.
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
        }
    }
}
EOF
}

start_nginx() {
	write_nginx_conf
	local conf="$WORK/nginx/nginx.conf"
	nginx -t -q -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$conf" || fail "nginx refused $conf"
	if alive "$WORK/nginx/nginx.pid"; then
		nginx -q -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$conf" -s reload
	else
		nginx -q -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$conf"
	fi
	say "nginx on $BASE_URL -> nodes on ports ${NODE_PORTS[*]}"
}

# --- Haven nodes -----------------------------------------------------------------------------------------

# alive PIDFILE: whether the process it names runs (nginx and Redis delete their pid files as they stop).
alive() {
	local pid
	pid=$(head -n 1 "$1" 2>/dev/null) && kill -0 "$pid" 2>/dev/null
}

jar() {
	local file
	for file in "$ROOT"/target/haven-*.jar; do
		if [[ -f "$file" && "$file" != *-plain.jar ]]; then
			printf '%s' "$file"
			return
		fi
	done
}

build_jar() {
	if [[ -z "$(jar)" ]]; then
		say "building the jar (./mvnw -B -q -DskipTests package)"
		(cd "$ROOT" && ./mvnw -B -q -DskipTests package) >"$WORK/build.log" 2>&1 || fail "build failed, see $WORK/build.log"
	fi
	say "jar: $(jar)"
}

start_node() {
	local n=$1 port=$2 dir="$WORK/node$1"
	mkdir -p "$dir"
	if alive "$dir/node.pid"; then
		return
	fi
	# Every node gets the same settings but its port and id: one database (data and HTTP sessions), one
	# Redis, the same encryption keys and TURN secret, the public address of the load balancer.
	(
		cd "$dir"
		export PORT="$port" HAVEN_NODE_ID="local-node-$n" \
			HAVEN_BASE_URL="$BASE_URL" HAVEN_FORWARD_HEADERS_STRATEGY=framework \
			SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/haven" \
			SPRING_DATASOURCE_USERNAME=haven SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" \
			HAVEN_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
			HAVEN_CRYPTO_KEYS="$HAVEN_CRYPTO_KEYS" HAVEN_VISITS_TURN_SECRET="$HAVEN_VISITS_TURN_SECRET" \
			HAVEN_DEMO_MODE=off SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT="$SMTP_PORT" \
			HAVEN_MAIL_FROM='Haven <no-reply@haven.test>'
		setsid java -Xmx512m -jar "$(jar)" >>"$dir/node.log" 2>&1 </dev/null &
		echo $! >"$dir/node.pid"
	)
	say "node $n starting on port $port (log: $dir/node.log)"
}

wait_healthy() {
	local n=$1 port=$2 dir="$WORK/node$1"
	for _ in $(seq $((START_TIMEOUT * 2))); do
		if curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
			say "node $n ready on port $port"
			return
		fi
		alive "$dir/node.pid" || {
			tail -n 40 "$dir/node.log" >&2
			fail "node $n exited, see $dir/node.log"
		}
		sleep 0.5
	done
	fail "node $n not ready after $START_TIMEOUT s, see $dir/node.log"
}

# --- Smoke test --------------------------------------------------------------------------------------------

CHECKS=0

ok() {
	CHECKS=$((CHECKS + 1))
	say "ok $CHECKS - $*"
}

not_ok() {
	say "not ok $((CHECKS + 1)) - $*"
	fail "smoke test failed"
}

# expect WHAT PATTERN ACTUAL: the check passes when ACTUAL matches the glob PATTERN.
expect() {
	# shellcheck disable=SC2053 # PATTERN is a glob on purpose
	if [[ "$3" == $2 ]]; then
		ok "$1"
	else
		not_ok "$1 (got: $3)"
	fi
}

# status URL [curl options...]: the HTTP status, following no redirect.
status() {
	local url=$1
	shift
	curl -sS -o /dev/null -w '%{http_code}' "$@" "$url"
}

# redirect URL COOKIE_JAR [curl options...]: posts a form and prints where the answer redirects to.
redirect() {
	local url=$1 jar=$2
	shift 2
	curl -sS -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" "$@" "$url"
}

# csrf COOKIE_JAR URL: loads a form and prints its CSRF token (the session cookie lands in the jar).
csrf() {
	curl -fsS -b "$1" -c "$1" "$2" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1
}

# The link in the newest caught mail to ADDRESS, decoded (quoted-printable and all).
mailed_link() {
	"$SYSTEM_PYTHON" - "$WORK/mail/maildir" "$1" <<'EOF'
import mailbox, re, sys
box, to = mailbox.Maildir(sys.argv[1], create=False), sys.argv[2]
for message in sorted(box, key=lambda m: m.get_date()):
    if message['To'] and to in message['To']:
        part = message if not message.is_multipart() else next(p for p in message.walk() if p.get_content_type() == 'text/plain')
        text = part.get_payload(decode=True).decode(part.get_content_charset() or 'utf-8')
        found = re.search(r'https?://\S+/verify-email\?token=\S+', text)
        if found:
            print(found.group(0))
EOF
}

websocket_status() {
	# curl speaks the handshake; the 101 is all that is asked, then the connection is dropped.
	curl -sS -o /dev/null -w '%{http_code}' --http1.1 --max-time 3 -b "$1" \
		-H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
		-H 'Sec-WebSocket-Key: SGF2ZW4gc21va2UgdGVzdA==' -H "Origin: $BASE_URL" "$BASE_URL/ws" 2>/dev/null || true
}

smoke() {
	local n port body jar_a jar_b email password token link
	say ""
	say "smoke test through $BASE_URL"
	for n in "${!NODE_PORTS[@]}"; do
		port=${NODE_PORTS[$n]}
		body=$(curl -fsS "http://127.0.0.1:$port/actuator/health" || true)
		expect "node $((n + 1)) (port $port) health: $body" '*"status":"UP"*' "$body"
	done

	expect "home page through nginx: 200" 200 "$(status "$BASE_URL/")"
	expect "sign-in page through nginx: 200" 200 "$(status "$BASE_URL/login")"
	body=$(for _ in 1 2 3 4; do curl -sS -o /dev/null -D - "$BASE_URL/login" | sed -n 's/^X-Haven-Upstream: \(.*\)\r$/\1/p'; done | sort -u | xargs)
	expect "nginx spreads requests over every node: $body" "${#NODE_PORTS[@]}" "$(wc -w <<<"$body")"

	# A new client account per run: registered through nginx, confirmed from the mail the relay received.
	jar_a="$WORK/smoke/a.cookies"
	jar_b="$WORK/smoke/b.cookies"
	mkdir -p "$WORK/smoke"
	rm -f "$jar_a" "$jar_b"
	email="smoke-$(date +%s)-$RANDOM@haven.test"
	password="smoke $(openssl rand -hex 12) passphrase"
	token=$(csrf "$jar_a" "$BASE_URL/register")
	expect "registered $email through nginx" 302 "$(status "$BASE_URL/register" -b "$jar_a" -c "$jar_a" \
		--data-urlencode "_csrf=$token" --data-urlencode "email=$email" --data-urlencode "displayName=Smoke Test" \
		--data-urlencode "password=$password" --data-urlencode "confirmation=$password")"
	link=""
	for _ in $(seq 100); do
		link=$(mailed_link "$email" 2>/dev/null | tail -n 1)
		[[ -n "$link" ]] && break
		sleep 0.2
	done
	expect "verification mail reached the SMTP relay, link to $BASE_URL" "$BASE_URL/verify-email?token=*" "$link"
	token=$(csrf "$jar_a" "$link")
	expect "email confirmed through nginx" '*/login?verified' "$(redirect "$BASE_URL/verify-email" "$jar_a" \
		--data-urlencode "_csrf=$token" --data-urlencode "token=${link#*token=}")"

	# One HTTP session, several nodes: signed in on node 1, served by node 2, signed out on node 2.
	local first="http://127.0.0.1:${NODE_PORTS[0]}" second="http://127.0.0.1:${NODE_PORTS[1]}"
	token=$(csrf "$jar_b" "$first/login")
	expect "signed in on node 1 (port ${NODE_PORTS[0]})" '*/home' "$(redirect "$first/login" "$jar_b" \
		--data-urlencode "_csrf=$token" --data-urlencode "email=$email" --data-urlencode "password=$password")"
	expect "node 2 (port ${NODE_PORTS[1]}) serves the session signed in on node 1: /home 200 with the account's name" \
		$'*Smoke Test*\n200' "$(curl -sS -b "$jar_b" -w '\n%{http_code}' "$second/home")"
	expect "without the session cookie node 2 sends /home to sign-in" 302 "$(status "$second/home")"

	expect "WebSocket upgrade on /ws through nginx with the session: 101" 101 "$(websocket_status "$jar_b")"
	body=$(websocket_status /dev/null)
	expect "WebSocket upgrade without a session is refused: $body" '[2345]??' "$body"

	cross_node_chat "$jar_b"

	token=$(csrf "$jar_b" "$second/home")
	expect "signed out on node 2" '*/login?signedOut' "$(redirect "$second/logout" "$jar_b" --data-urlencode "_csrf=$token")"
	expect "node 1 no longer knows the session signed out on node 2" 302 "$(status "$first/home" -b "$jar_b")"

	say "smoke test passed: $CHECKS checks"
}

# ---- CROSS-NODE CHAT CHECK: not in this script yet ------------------------------------------------------
# Chat and visits cross nodes through Redis (HAVEN_REDIS_URL is set on every node). That is proven by
# ClusterIntegrationTests (two nodes, one Redis, in the test suite) and by the benchmark harness run against
# this kind of topology (bench/run.sh --haven-nodes 2), not here: checking it from this script needs a
# therapist with a second factor in care with a client, which only the harness's seeding creates today.
cross_node_chat() {
	say "# skip - cross-node chat: checked by the test suite and bench/run.sh --haven-nodes 2, not by this script"
}

# --- Commands ----------------------------------------------------------------------------------------------

stop_pidfile() {
	local file=$1 name=$2 pid
	if alive "$file"; then
		pid=$(cat "$file")
		kill "$pid"
		for _ in $(seq 150); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
		if kill -0 "$pid" 2>/dev/null; then
			kill -9 "$pid"
		fi
		say "stopped $name"
	fi
	rm -f "$file"
}

stop_all() {
	local n
	for n in "${!NODE_PORTS[@]}"; do
		stop_pidfile "$WORK/node$((n + 1))/node.pid" "node $((n + 1))"
	done
	stop_pidfile "$WORK/nginx/nginx.pid" nginx
	stop_pidfile "$WORK/mail.pid" "mail catcher"
	stop_pidfile "$WORK/redis/redis.pid" Redis
	if [[ -n "$(pg_bin)" && -f "$PG_HOME/PG_VERSION" ]] && as_postgres "$(pg_bin)/pg_ctl" -D "$PG_HOME" status >/dev/null 2>&1; then
		as_postgres "$(pg_bin)/pg_ctl" -D "$PG_HOME" -m fast -w stop >/dev/null
		say "stopped PostgreSQL"
	fi
}

# running PIDFILE WHAT: one line of `status`.
running() {
	if alive "$1"; then
		say "$2: running"
	else
		say "$2: stopped"
	fi
}

show_status() {
	local n
	for n in "${!NODE_PORTS[@]}"; do
		running "$WORK/node$((n + 1))/node.pid" "node $((n + 1)) (port ${NODE_PORTS[$n]})"
	done
	running "$WORK/nginx/nginx.pid" "nginx ($BASE_URL)"
	running "$WORK/mail.pid" "mail catcher (port $SMTP_PORT)"
	running "$WORK/redis/redis.pid" "Redis (port $REDIS_PORT)"
	running "$PG_HOME/postmaster.pid" "PostgreSQL (port $PG_PORT)"
}

start_all() {
	local n
	install_missing
	secrets
	start_postgres
	start_redis
	start_mail
	build_jar
	for n in "${!NODE_PORTS[@]}"; do
		start_node $((n + 1)) "${NODE_PORTS[$n]}"
	done
	for n in "${!NODE_PORTS[@]}"; do
		wait_healthy $((n + 1)) "${NODE_PORTS[$n]}"
	done
	start_nginx
}

mkdir -p "$WORK"
case "${1:-start}" in
start)
	start_all
	smoke
	say "the cluster keeps running at $BASE_URL; stop it with: $0 stop"
	;;
smoke)
	secrets
	smoke
	;;
status) show_status ;;
stop) stop_all ;;
*) fail "usage: $0 [start|smoke|status|stop]" ;;
esac
