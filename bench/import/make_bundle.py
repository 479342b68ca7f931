#!/usr/bin/env python3
"""Writes a deterministic application-like tree: ~200 MB in 20,000 files.

Like a real bundle with vendored dependencies: mostly source/text files of mixed sizes (they
compress well) plus a tenth of random binaries (native extensions, images: they do not), nested
a few levels deep, with executables in bin/ and a few relative symlinks.
Usage: make_bundle.py OUT_DIR
"""
import os
import random
import sys

FILES = 20_000
BINARY_SHARE = 0.10
WORDS = ("def end class module require self return if else elsif unless do while nil true false "
         "user account order payment invoice render params redirect_to before_action validates "
         "belongs_to has_many scope where includes find_by create update destroy json html css "
         "function const let var import export from async await promise request response").split()


def text_pool(rng, size):
    lines, total = [], 0
    while total < size:
        line = "  " * rng.randrange(4) + " ".join(rng.choices(WORDS, k=rng.randrange(3, 12))) + "\n"
        lines.append(line)
        total += len(line)
    return "".join(lines).encode()


def main(out):
    rng = random.Random(20261125)
    pool = text_pool(rng, 4 << 20)
    total = 0
    for index in range(FILES):
        gem = index % 400
        directory = os.path.join(out, "vendor", "bundle", f"gem-{gem:03d}", "lib", f"part-{index % 7}")
        if index % 10 == 0:
            directory = os.path.join(out, "bin") if index % 1000 == 0 else os.path.join(out, "app", f"mod-{index % 50:02d}")
        os.makedirs(directory, exist_ok=True)
        if rng.random() < BINARY_SHARE:
            path = os.path.join(directory, f"blob-{index:05d}.so")
            data = rng.randbytes(int(rng.uniform(10_000, 90_000)))
        else:
            path = os.path.join(directory, f"file-{index:05d}.rb")
            size = min(int(rng.lognormvariate(8.0, 1.0)), 200_000)
            start = rng.randrange(len(pool) - size - 1)
            data = f"# file {index}\n".encode() + pool[start:start + size]
        with open(path, "wb") as handle:
            handle.write(data)
        os.chmod(path, 0o755 if "/bin" in path else 0o644)
        total += len(data)
    os.symlink("gem-000", os.path.join(out, "vendor", "bundle", "current"))
    os.symlink("../vendor/bundle/gem-001/lib", os.path.join(out, "app", "lib"))
    print(f"{FILES} files, {total / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
