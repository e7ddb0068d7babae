# Sourced by .ci/run: makes sure a Redis answers on 127.0.0.1:6379 (the rush benchmark's
# smoke test runs production settings, whose cache is Redis). Uses the running one; else
# starts Debian's redis-server (installed when missing), stopped on exit.
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  command -v redis-server >/dev/null || bash .ci/apt-install redis-server
  redis_dir=$(mktemp -d)
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
  for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && break; sleep 0.1; done
  CI_CLEANUP="${CI_CLEANUP:-:}; kill \$(cat $redis_dir/redis.pid) 2>/dev/null; rm -rf $redis_dir"
  trap 'eval "$CI_CLEANUP"' EXIT
fi
