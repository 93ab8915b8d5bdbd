#!/usr/bin/env python3
"""smtp_sets.py -- runs smtp_load.py over several sets of mails, one after another, against a running
Rapport, and says for each set what it cost: msg/s and latency as smtp_load.py measures them, plus the
CPU time per message of the JVM ("java"), of the PostgreSQL processes ("postgres") and of the whole
machine (Linux /proc; the load generator's own CPU is in the machine figure).

    python3 ../shared/bench/gen-mails.py /tmp/mails1 --count 2200 --seed 1   # and so on for 2, 3, ...
    python3 bench/smtp_sets.py /tmp/mails1 /tmp/mails2 /tmp/mails3 --port 2525

Every message of a set is measured (smtp_load.py --warmup 0), so the first sets after a start show the
JIT warming up.
"""
import argparse, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))


def cpu_by_command():
    """Clock ticks of user + system time per process, keyed by pid, with the process's command name."""
    ticks = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = open(f"/proc/{pid}/stat").read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        ticks[pid] = (name, int(fields[11]) + int(fields[12]))
    return ticks


def machine_busy():
    values = [int(v) for v in open("/proc/stat").readline().split()[1:8]]
    return sum(values) - values[3] - values[4]  # without idle and iowait


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    hz = os.sysconf("SC_CLK_TCK")
    print("| set | messages | msg/s | p50 ms | p99 ms | errors | CPU ms/msg: JVM | PostgreSQL | machine |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for directory in args.sets:
        before, busy_before = cpu_by_command(), machine_busy()
        out = subprocess.run(
            [sys.executable, os.path.join(HERE, "smtp_load.py"), directory, "--port", str(args.port),
             "--concurrency", str(args.concurrency), "--warmup", "0"],
            capture_output=True, text=True, check=True).stdout
        after, busy_after = cpu_by_command(), machine_busy()
        used = {}
        for pid, (name, ticks) in after.items():
            start = before[pid][1] if pid in before and before[pid][0] == name else 0
            used[name] = used.get(name, 0) + ticks - start
        row = [c.strip() for c in out.strip().splitlines()[-1].strip("|").split("|")]
        messages, rate, p50, p99, errors = int(row[0]), row[2], row[3], row[4], row[5]
        per = lambda t: f"{t * 1000 / hz / messages:.2f}"
        print(f"| {os.path.basename(directory.rstrip('/'))} | {messages} | {rate} | {p50} | {p99} | {errors} "
              f"| {per(used.get('java', 0))} | {per(used.get('postgres', 0))} | {per(busy_after - busy_before)} |",
              flush=True)


if __name__ == "__main__":
    main()
