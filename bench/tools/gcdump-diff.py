# What grew between two heap dumps, by type, per grain (or per anything counted): the breakdown behind the memory
# benches' figures (bench/grain-memory.sh --dump-pause-seconds, bench/profiles-memory.sh PROFILES_DUMP_DIR).
#   python3 bench/tools/gcdump-diff.py BEFORE.gcdump AFTER.gcdump COUNT [TOP]
# Reads each dump with `dotnet-gcdump report` (or $GCDUMP report): its rows are an object size, a count and a type,
# where the size is the type's mean object size (so a row's bytes are size x count). Types are summed over their size
# classes. Prints the total growth and the TOP types (default 40) whose bytes moved most, per COUNT.
import os, re, subprocess, sys

ROW = re.compile(r'\s*([\d,]+)\s+([\d,]+)\s+(.*)$')

def by_type(dump):
    report = subprocess.run([os.environ.get("GCDUMP", "dotnet-gcdump"), "report", dump], capture_output=True, text=True, check=True).stdout
    types = {}
    for line in report.splitlines():
        m = ROW.match(line)
        if not m:
            continue
        name = re.sub(r'\s*\(Bytes > [^)]*\)', '', m.group(3)).strip()
        size, count = int(m.group(1).replace(',', '')), int(m.group(2).replace(',', ''))
        bytes_, objects = types.get(name, (0, 0))
        types[name] = (bytes_ + size * count, objects + count)
    return types

def main():
    before, after, count = by_type(sys.argv[1]), by_type(sys.argv[2]), float(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    rows = []
    for name in set(before) | set(after):
        (b0, o0), (b1, o1) = before.get(name, (0, 0)), after.get(name, (0, 0))
        rows.append((b1 - b0, o1 - o0, name))
    rows.sort(key=lambda r: -abs(r[0]))
    total = sum(r[0] for r in rows)
    print(f"total {total:,} B = {total / count:,.1f} B per one of {count:,.0f}")
    for grew, objects, name in rows[:top]:
        print(f"{grew / count:9.1f} B {objects / count:7.2f} objects  {name[:160]}")

if __name__ == "__main__":
    main()
