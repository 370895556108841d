# Sourced by .ci/run: a throw-away PostgreSQL server on 127.0.0.1 for the durable-state integration tests.
# start_test_postgres exports the LUA_ACTOR_TEST_POSTGRES_* variables the tests read (URL, USER, PASSWORD, and the
# STOP / START commands that let the "database goes away" test stop and restart the server it owns);
# stop_test_postgres stops it and removes its data directory.

pg_bin_dir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# Runs a PostgreSQL binary as the postgres user when we are root (the server refuses to run as root).
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_postgres() {
    if [ -z "$(pg_bin_dir)" ]; then
        echo "Installing postgresql for the durable-state integration tests"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq postgresql >/dev/null
    fi
    local bin port
    bin="$(pg_bin_dir)"
    port="${LUA_ACTOR_TEST_POSTGRES_PORT:-54329}"
    PG_TEST_DATA="$(mktemp -d /tmp/lua-actor-pg.XXXXXX)"
    export PG_TEST_DATA
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_TEST_DATA"
    as_pg "$bin/initdb" -D "$PG_TEST_DATA/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 >"$PG_TEST_DATA/initdb.log"
    local options="-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DATA -c fsync=off"
    local start="$bin/pg_ctl -D $PG_TEST_DATA/data -o '$options' -l $PG_TEST_DATA/server.log -w start"
    local stop="$bin/pg_ctl -D $PG_TEST_DATA/data -m fast -w stop"
    if [ "$(id -u)" = 0 ]; then
        start="runuser -u postgres -- $start"
        stop="runuser -u postgres -- $stop"
    fi
    sh -c "$start" >/dev/null
    as_pg "$bin/psql" -q -h "$PG_TEST_DATA" -p "$port" -U postgres -d postgres \
        -c "CREATE USER lua_actor PASSWORD 'lua_actor'" -c "CREATE DATABASE lua_actor OWNER lua_actor"
    export LUA_ACTOR_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/lua_actor"
    export LUA_ACTOR_TEST_POSTGRES_USER=lua_actor
    export LUA_ACTOR_TEST_POSTGRES_PASSWORD=lua_actor
    export LUA_ACTOR_TEST_POSTGRES_STOP="$stop"
    export LUA_ACTOR_TEST_POSTGRES_START="$start"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the state tests at $LUA_ACTOR_TEST_POSTGRES_URL"
}

stop_test_postgres() {
    if [ -n "${PG_TEST_DATA:-}" ] && [ -d "$PG_TEST_DATA/data" ]; then
        sh -c "$LUA_ACTOR_TEST_POSTGRES_STOP" >/dev/null 2>&1 || true
        rm -rf "$PG_TEST_DATA"
    fi
}
