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
# The JVM options bin/backstop gives the commands that import (BACKSTOP_JAVA_OPTS overrides, as there).
JAVA_OPTS=${BACKSTOP_JAVA_OPTS:-$(sed -n 's/^hashing_opts="\(.*\)"$/\1/p' bin/backstop)}
[[ -n $JAVA_OPTS ]] || { echo "run.sh: no hashing_opts line in bin/backstop" >&2; exit 2; }
# And its class-data archive, which the launcher writes on its first run after a build
# (BACKSTOP_CDS=off measures without it).
if [[ ${BACKSTOP_CDS:-on} != off ]]; then
  env -u BACKSTOP_JAR bin/backstop --version > /dev/null
  [[ -f target/backstop.jsa ]] || { echo "run.sh: bin/backstop wrote no target/backstop.jsa" >&2; exit 2; }
  JAVA_OPTS="$JAVA_OPTS -XX:SharedArchiveFile=target/backstop.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
fi

cat "$BUNDLE" > /dev/null   # warm the cache for whichever runs first

# Wall seconds, then CPU seconds (user + system, children included): on a busy machine the CPU
# seconds move less than the wall seconds.
TIMEFORMAT='%R %U %S'
timed() { { time "$@" > "$WORK/.stdout" 2> /dev/null; } 2> "$WORK/.time"; }
wall() { awk '{ print $1 }' "$WORK/.time"; }
cpu() { awk '{ print $2 + $3 }' "$WORK/.time"; }

tar_times=() ; backstop_times=() ; inner_times=() ; tar_cpu=() ; backstop_cpu=()
for run in $(seq "$RUNS"); do
  rm -rf "$WORK/tar" "$WORK/releases"; mkdir -p "$WORK/tar"; sync
  timed tar xzf "$BUNDLE" -C "$WORK/tar"
  tar_times+=("$(wall)"); tar_cpu+=("$(cpu)")
  timed java $JAVA_OPTS -cp "$CP" dev.backstop.release.ImportBench "$BUNDLE" "$WORK/releases"
  backstop_times+=("$(wall)"); backstop_cpu+=("$(cpu)"); inner_times+=("$(cat "$WORK/.stdout")")
done
rm -rf "$WORK/tar" "$WORK/releases" "$WORK/.time" "$WORK/.stdout"

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
tar_median=$(median "${tar_times[@]}")
backstop_median=$(median "${backstop_times[@]}")
inner_median=$(median "${inner_times[@]}")

echo "bundle: $(du -m "$BUNDLE" | cut -f1) MB compressed, $(gzip -dc "$BUNDLE" | wc -c | awk '{ printf "%.0f", $1 / 1e6 }') MB unpacked, $(tar tzf "$BUNDLE" | wc -l) entries; into $WORK ($(df --output=fstype "$WORK" | tail -1)); $RUNS runs"
echo "java: $JAVA_OPTS"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %8s %8s %8s\n' "what" "median" "min" "max"
printf '%-34s %8.2f %8.2f %8.2f\n' "tar xzf" "$tar_median" "$(printf '%s\n' "${tar_times[@]}" | sort -g | head -1)" "$(printf '%s\n' "${tar_times[@]}" | sort -g | tail -1)"
printf '%-34s %8.2f %8.2f %8.2f\n' "backstop import (java process)" "$backstop_median" "$(printf '%s\n' "${backstop_times[@]}" | sort -g | head -1)" "$(printf '%s\n' "${backstop_times[@]}" | sort -g | tail -1)"
printf '%-34s %8.2f %8.2f %8.2f\n' "backstop import (stage+commit)" "$inner_median" "$(printf '%s\n' "${inner_times[@]}" | sort -g | head -1)" "$(printf '%s\n' "${inner_times[@]}" | sort -g | tail -1)"
printf '%-34s %8.2f %8.2f %8.2f\n' "tar xzf, CPU seconds" "$(median "${tar_cpu[@]}")" "$(printf '%s\n' "${tar_cpu[@]}" | sort -g | head -1)" "$(printf '%s\n' "${tar_cpu[@]}" | sort -g | tail -1)"
printf '%-34s %8.2f %8.2f %8.2f\n' "backstop (java process), CPU s" "$(median "${backstop_cpu[@]}")" "$(printf '%s\n' "${backstop_cpu[@]}" | sort -g | head -1)" "$(printf '%s\n' "${backstop_cpu[@]}" | sort -g | tail -1)"
echo "ratio backstop/tar (whole process): $(awk "BEGIN { printf \"%.2f\", $backstop_median / $tar_median }")x"
echo "ratio backstop/tar (import alone):  $(awk "BEGIN { printf \"%.2f\", $inner_median / $tar_median }")x"
echo "ratio backstop/tar (CPU seconds):   $(awk "BEGIN { printf \"%.2f\", $(median "${backstop_cpu[@]}") / $(median "${tar_cpu[@]}") }")x"
