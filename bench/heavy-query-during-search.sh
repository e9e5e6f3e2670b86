#!/usr/bin/env bash
# Issue 11's heavy query from a second process while a quick search trains, for each launcher directory given (a
# directory holding smartnas.jar and lib/, e.g. a copy of launcher/target): resident memory of the search and of the
# query every 10 s for 120 s. Usage: bench/heavy-query-during-search.sh DIR [DIR...]; SEARCH_JAVA_OPTS sets the
# search's heap flags (./smartnas uses "-Xms1g -Xmx2g -XX:+AlwaysPreTouch").
set -uo pipefail
export GLIBC_TUNABLES="$(cat "$(dirname "$0")/../launcher/glibc-tunables")"
rss() { [ -e "/proc/$1/status" ] && awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status" || echo "-"; }
for jar in "$@"; do
  work=$(mktemp -d)
  # shellcheck disable=SC2086
  java ${SEARCH_JAVA_OPTS:--Xms1g -Xmx2g -XX:+AlwaysPreTouch} -jar "$jar/smartnas.jar" search --db "$work/results" \
      > "$work/search.out" 2> "$work/search.err" &
  search=$!
  sleep 30
  echo "[$jar] search before the query: $(rss $search) MB"
  java -jar "$jar/smartnas.jar" sql "SELECT X FROM SYSTEM_RANGE(1,1000000000) ORDER BY X DESC LIMIT 1" \
      --db "$work/results" > "$work/sql.out" 2> "$work/sql.err" &
  query=$!
  for t in 10 20 30 40 50 60 70 80 90 100 110 120; do
    sleep 10
    echo "[$jar] t=${t}s search $(rss $search) MB, sql $(rss $query) MB"
  done
  if kill -0 $query 2> /dev/null; then
    echo "[$jar] the query still ran after 120 s; killed"
    kill -9 $query
  else
    echo "[$jar] the query ended: $(tr '\n' ' ' < "$work/sql.err")"
  fi
  kill -9 $search
  wait $search 2> /dev/null
  rm -rf "$work"
done
