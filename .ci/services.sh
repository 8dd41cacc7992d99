#!/usr/bin/env bash
# Starts each loopback service the tests use, if it is not already answering.
set -u
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
start() {
  local port=$1 name=$2; shift 2
  if up "$port"; then echo "services: $name up on $port"; return; fi
  echo "services: starting $name"
  "$@" >/dev/null 2>&1 || echo "services: could not start $name" >&2
  for _ in $(seq 1 30); do up "$port" && { echo "services: $name up on $port"; return; }; sleep 1; done
  echo "services: $name did not come up on $port" >&2
}
start 5432 postgresql bash -c 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'
start 3306 mariadb start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
start 6379 redis redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log

# Change data capture (cdc source, mode='listening') needs PostgreSQL's logical decoding and MariaDB's row binlog.
wait_port() { for _ in $(seq 1 30); do up "$1" && return 0; sleep 1; done; echo "services: port $1 did not come back" >&2; }
pg_wal=$(psql -h 127.0.0.1 -U postgres -Atc 'SHOW wal_level' 2>/dev/null)
if [ -n "$pg_wal" ] && [ "$pg_wal" != logical ]; then
  echo "services: postgresql wal_level=$pg_wal, setting logical and restarting"
  psql -h 127.0.0.1 -U postgres -c "ALTER SYSTEM SET wal_level = logical" >/dev/null
  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart >/dev/null 2>&1 || echo "services: postgresql restart failed" >&2
  wait_port 5432
fi
binlog_cnf=/etc/mysql/mariadb.conf.d/60-tributary-binlog.cnf
if [ ! -f "$binlog_cnf" ]; then
  echo "services: enabling the mariadb row binlog ($binlog_cnf) and restarting"
  mkdir -p /etc/mysql/mariadb.conf.d
  printf '[mariadbd]\nlog_bin = tributary-bin\nbinlog_format = ROW\nbinlog_row_image = FULL\nserver_id = 1\nbinlog_expire_logs_seconds = 86400\n' >"$binlog_cnf"
  # a my.cnf without the Debian include line (minimal images) gets it, so the file above is read
  grep -qs 'mariadb.conf.d' /etc/mysql/my.cnf || printf '\n!includedir /etc/mysql/mariadb.conf.d/\n' >>/etc/mysql/my.cnf
  mysqladmin -h 127.0.0.1 -uroot shutdown 2>/dev/null
  for _ in $(seq 1 60); do start-stop-daemon --status --exec /usr/sbin/mariadbd || break; sleep 0.5; done
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >/dev/null 2>&1
  wait_port 3306
fi
start 5672 rabbitmq rabbitmq-server -detached
start 1883 mosquitto mosquitto -d -c /etc/mosquitto/mosquitto.conf
start 4222 nats start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log

# The browser editor's end-to-end test drives Debian's Chromium (playwright-core downloads no browser).
if [ ! -x /usr/bin/chromium ]; then
  echo "services: installing chromium"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "services: could not install chromium (the browser editor test will be skipped)" >&2
fi
exit 0
