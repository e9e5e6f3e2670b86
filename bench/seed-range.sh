# Sourced by the search benchmarks: their SEEDS argument, a count (3: seeds 1 to 3) or a range (2-3), as the seeds
# to run, one per line.
seed_range() {
  case "$1" in
    *-*) seq "${1%-*}" "${1#*-}" ;;
    *) seq 1 "$1" ;;
  esac
}
