#!/usr/bin/env python3
"""Approximate CPU profile from a dotnet-trace thread-time trace converted to speedscope.

    dotnet-trace convert --format Speedscope silo.nettrace -o silo
    python3 bench/tools/cpu-profile.py silo.speedscope.json [N] [FOCUS]

With FOCUS (a substring of a method name), it prints the call chains that lead into that method instead.

dotnet-sampled-thread-time samples every thread, running or blocked. This drops the time whose innermost frame is a
wait in native code (semaphores, monitors, epoll, inotify, sleeps) or a wait for the GC (PollGC) and reports, of the remaining ("running") time, the share each
method is on the stack (inclusive) and at the top (exclusive). Native code shows as "Missing Symbol" / UNMANAGED frames.
"""
import json, sys, collections, re

WAIT = re.compile(r"(Wait|Sleep|TryReadEvent|WaitForSocketEvents|epoll|Monitor\.Enter_Slowpath)", re.I)

def main(path, top, focus=None):
    data = json.load(open(path))
    frames = [f["name"] for f in data["shared"]["frames"]]
    inclusive, exclusive, leaf_all = collections.Counter(), collections.Counter(), collections.Counter()
    callers = collections.Counter()  # with a focus pattern: the stacks (innermost 6 frames) that lead to it
    running = total = 0.0
    for profile in data["profiles"]:
        stack, last = [], None
        for e in profile["events"]:
            if last is not None and stack:
                dt = e["at"] - last
                total += dt
                # The exporter puts a pseudo-frame on top: CPU_TIME (managed code running) or UNMANAGED_CODE_TIME
                # (native code: a wait, or real work such as SQLite); the real innermost frame is below it.
                pseudo = frames[stack[-1]]
                real = [frames[f] for f in stack if frames[f] not in ("CPU_TIME", "UNMANAGED_CODE_TIME")]
                leaf = real[-1] if real else pseudo
                native = pseudo == "UNMANAGED_CODE_TIME"
                leaf_all[leaf] += dt
                epoll = native and any("SocketAsyncEngine.EventLoop" in f for f in real)
                if not ((native and WAIT.search(leaf)) or epoll or "PollGC" in leaf):
                    running += dt
                    exclusive[("[native] " if native else "") + leaf] += dt
                    for f in set(real):
                        inclusive[f] += dt
                    if focus:
                        hit = [i for i, f in enumerate(real) if focus in f]
                        if hit:
                            chain = [short(f) for f in real[max(0, hit[0] - 6):hit[0] + 1]]
                            callers[" <- ".join(reversed(chain))] += dt
            last = e["at"]
            if e["type"] == "O":
                stack.append(e["frame"])
            elif stack:
                stack.pop()
    print(f"thread time {total/1000:.1f} s, of which running (not in a wait frame) {running/1000:.1f} s")
    print(f"\n-- top {top} exclusive (share of running time)")
    for name, t in exclusive.most_common(top):
        print(f"{100*t/running:6.2f}%  {name[:150]}")
    if focus:
        print(f"\n-- stacks into '{focus}' (share of running time)")
        for chain, t in callers.most_common(top):
            print(f"{100*t/running:6.2f}%  {chain}")
        return
    print(f"\n-- top {top*2} inclusive (share of running time)")
    for name, t in inclusive.most_common(top * 2):
        print(f"{100*t/running:6.2f}%  {name[:150]}")

def short(frame):
    frame = frame.split("!", 1)[-1]
    return re.sub(r"\(.*", "", frame)[-90:]

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40, sys.argv[3] if len(sys.argv) > 3 else None)
