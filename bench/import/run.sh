#!/usr/bin/env bash
# Times Backstop's bundle import against plain `tar xzf` on the same ~200 MB / 20,000-file bundle.
# The bundle is generated once (deterministically) into bench/out/; each tool then runs 3 times,
# interleaved, into fresh directories under WORK (default bench/out; WORK=/dev/shm/x takes the disk out
# of the measurement). Prints medians and the ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench/out
WORK=${WORK:-$OUT}
RUNS=${RUNS:-3}
BUNDLE=$OUT/bundle.tar.gz

if [[ ! -f $BUNDLE ]]; then
  rm -rf "$OUT/src" && mkdir -p "$OUT/src"
  python3 bench/import/make_bundle.py "$OUT/src"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$OUT/src" -cf - . | gzip -6 -n > "$BUNDLE.tmp"
  mv "$BUNDLE.tmp" "$BUNDLE"
  rm -rf "$OUT/src"
fi
mvn -q -B -DskipTests package
CP=target/backstop.jar:target/test-classes

now() { date +%s.%N; }
cat "$BUNDLE" > /dev/null   # warm the cache for whichever runs first

tar_times=() ; backstop_times=() ; inner_times=()
for run in $(seq "$RUNS"); do
  rm -rf "$WORK/tar" "$WORK/releases"; mkdir -p "$WORK/tar"; sync
  start=$(now); tar xzf "$BUNDLE" -C "$WORK/tar"; end=$(now)
  tar_times+=("$(awk "BEGIN { print $end - $start }")")
  start=$(now); inner=$(java -cp "$CP" dev.backstop.release.ImportBench "$BUNDLE" "$WORK/releases"); end=$(now)
  backstop_times+=("$(awk "BEGIN { print $end - $start }")")
  inner_times+=("$inner")
done
rm -rf "$WORK/tar" "$WORK/releases"

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
tar_median=$(median "${tar_times[@]}")
backstop_median=$(median "${backstop_times[@]}")
inner_median=$(median "${inner_times[@]}")

echo "bundle: $(du -m "$BUNDLE" | cut -f1) MB compressed, $(gzip -dc "$BUNDLE" | wc -c | awk '{ printf "%.0f", $1 / 1e6 }') MB unpacked, $(tar tzf "$BUNDLE" | wc -l) entries; into $WORK ($(df --output=fstype "$WORK" | tail -1)); $RUNS runs"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %8s %8s %8s\n' "what" "median" "min" "max"
printf '%-34s %8.2f %8.2f %8.2f\n' "tar xzf" "$tar_median" "$(printf '%s\n' "${tar_times[@]}" | sort -g | head -1)" "$(printf '%s\n' "${tar_times[@]}" | sort -g | tail -1)"
printf '%-34s %8.2f %8.2f %8.2f\n' "backstop import (java process)" "$backstop_median" "$(printf '%s\n' "${backstop_times[@]}" | sort -g | head -1)" "$(printf '%s\n' "${backstop_times[@]}" | sort -g | tail -1)"
printf '%-34s %8.2f %8.2f %8.2f\n' "backstop import (stage+commit)" "$inner_median" "$(printf '%s\n' "${inner_times[@]}" | sort -g | head -1)" "$(printf '%s\n' "${inner_times[@]}" | sort -g | tail -1)"
echo "ratio backstop/tar (whole process): $(awk "BEGIN { printf \"%.2f\", $backstop_median / $tar_median }")x"
echo "ratio backstop/tar (import alone):  $(awk "BEGIN { printf \"%.2f\", $inner_median / $tar_median }")x"
