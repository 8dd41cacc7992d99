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
start 5672 rabbitmq rabbitmq-server -detached
start 1883 mosquitto mosquitto -d -c /etc/mosquitto/mosquitto.conf
start 4222 nats start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
exit 0
